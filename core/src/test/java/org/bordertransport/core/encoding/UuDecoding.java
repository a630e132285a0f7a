package org.bordertransport.core.encoding;

import java.io.ByteArrayOutputStream;

/** Test-only uudecoder: decodes the first {@code begin ... end} block of a text. */
public final class UuDecoding {
    private UuDecoding() {
    }

    public static byte[] decode(String block) {
        String[] lines = block.split("\r\n|\n");
        int i = 0;
        while (!lines[i].startsWith("begin ")) {
            i++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (i++; i < lines.length && !lines[i].equals("end"); i++) {
            String line = lines[i];
            int n = (line.charAt(0) - 0x20) & 0x3f;
            byte[] bits = new byte[(n + 2) / 3 * 4];
            for (int j = 0; j < bits.length; j++) {
                bits[j] = (byte) ((line.charAt(1 + j) - 0x20) & 0x3f);
            }
            for (int j = 0, k = 0; k < n; j += 4) {
                int v = bits[j] << 18 | bits[j + 1] << 12 | bits[j + 2] << 6 | bits[j + 3];
                for (int s = 16; s >= 0 && k < n; s -= 8, k++) {
                    out.write(v >>> s & 0xff);
                }
            }
        }
        if (i == lines.length) {
            throw new IllegalArgumentException("no end line");
        }
        return out.toByteArray();
    }
}
