package org.bordertransport.core.tnef;

import java.io.IOException;
import java.nio.charset.Charset;

/** Decoding of the NUL-terminated strings of TNEF. */
final class Strings {
    private Strings() {
    }

    /** Decodes and drops what follows the first NUL (8-bit) or NUL code unit (UTF-16). */
    static String decode(TnefContent content, Charset charset) throws IOException {
        String s = content.decode(charset);
        int nul = s.indexOf('\u0000');
        return nul < 0 ? s : s.substring(0, nul);
    }

    static String decode(byte[] bytes, Charset charset) {
        String s = new String(bytes, charset);
        int nul = s.indexOf('\u0000');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
