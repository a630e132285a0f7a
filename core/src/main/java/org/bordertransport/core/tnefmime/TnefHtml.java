package org.bordertransport.core.tnefmime;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The charset of an HTML body ({@code <meta>}), and its text as searched for {@code cid:} references. */
final class TnefHtml {
    private static final Pattern META_CHARSET = Pattern.compile(
        "<meta[^>]{0,400}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]{1,40})", Pattern.CASE_INSENSITIVE);

    private TnefHtml() {
    }

    /** The HTML lower-cased for finding {@code cid:} references. */
    static String searchable(byte[] html, Charset charset) {
        boolean asciiBased = Arrays.equals("cid:".getBytes(charset), "cid:".getBytes(StandardCharsets.US_ASCII));
        return new String(html, asciiBased ? StandardCharsets.ISO_8859_1 : charset).toLowerCase(Locale.ROOT);
    }

    /** The charset a {@code <meta>} element of the HTML declares, when known to this JVM. */
    static Optional<Charset> declaredCharset(byte[] html) {
        String head = new String(html, 0, Math.min(html.length, 8192), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(m.group(1)));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /** The HTML with every {@code <meta>} charset set to {@code charset}. */
    static String withMetaCharset(String html, Charset charset) {
        Matcher m = META_CHARSET.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        int last = 0;
        while (m.find()) {
            out.append(html, last, m.start(1)).append(TnefMimeParts.label(charset));
            last = m.end(1);
        }
        return out.append(html, last, html.length()).toString();
    }

    static boolean fits(String text, Charset charset) {
        try {
            charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text.toCharArray()));
            return true;
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            return false;
        }
    }
}
