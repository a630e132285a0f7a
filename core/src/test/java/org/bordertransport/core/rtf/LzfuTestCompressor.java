package org.bordertransport.core.rtf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A greedy, slow LZFu compressor for tests: produces valid [MS-OXRTFCP] values to round-trip. */
final class LzfuTestCompressor {
    private LzfuTestCompressor() {
    }

    static byte[] compress(byte[] raw) {
        byte[] dictionary = new byte[4096];
        byte[] preload = CompressedRtf.PRELOAD.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(preload, 0, dictionary, 0, preload.length);
        int write = preload.length;
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int pos = 0;
        boolean done = false;
        while (!done) {
            int control = 0;
            ByteArrayOutputStream run = new ByteArrayOutputStream();
            for (int bit = 0; bit < 8; bit++) {
                if (pos == raw.length) {
                    control |= 1 << bit;
                    run.write(write >>> 4);
                    run.write((write << 4) & 0xF0);
                    done = true;
                    break;
                }
                int bestOffset = -1;
                int bestLength = 1;
                for (int offset = 0; offset < 4096; offset++) {
                    if (offset == write) {
                        continue;
                    }
                    int length = 0;
                    while (length < 17 && pos + length < raw.length) {
                        int at = (offset + length) & 0xFFF;
                        int distance = (at - write) & 0xFFF;
                        byte b = distance < length ? raw[pos + distance] : dictionary[at];
                        if (b != raw[pos + length]) {
                            break;
                        }
                        length++;
                    }
                    if (length > bestLength) {
                        bestLength = length;
                        bestOffset = offset;
                    }
                }
                if (bestOffset >= 0) {
                    control |= 1 << bit;
                    int reference = bestOffset << 4 | (bestLength - 2);
                    run.write(reference >>> 8);
                    run.write(reference & 0xFF);
                    for (int i = 0; i < bestLength; i++) {
                        dictionary[write] = dictionary[(bestOffset + i) & 0xFFF];
                        write = (write + 1) & 0xFFF;
                    }
                    pos += bestLength;
                } else {
                    run.write(raw[pos]);
                    dictionary[write] = raw[pos++];
                    write = (write + 1) & 0xFFF;
                }
            }
            content.write(control);
            content.writeBytes(run.toByteArray());
        }
        return withHeader(content.toByteArray(), raw.length, CompressedRtf.COMPRESSED);
    }

    /** A value with a correct header (COMPSIZE, the given RAWSIZE and type, CRC of the content for LZFu). */
    static byte[] withHeader(byte[] content, int rawSize, int type) {
        byte[] value = new byte[16 + content.length];
        putInt(value, 0, content.length + 12);
        putInt(value, 4, rawSize);
        putInt(value, 8, type);
        putInt(value, 12, type == CompressedRtf.COMPRESSED ? CompressedRtf.crc(content, 0, content.length) : 0);
        System.arraycopy(content, 0, value, 16, content.length);
        return value;
    }

    static void putInt(byte[] value, int offset, int v) {
        value[offset] = (byte) v;
        value[offset + 1] = (byte) (v >>> 8);
        value[offset + 2] = (byte) (v >>> 16);
        value[offset + 3] = (byte) (v >>> 24);
    }
}
