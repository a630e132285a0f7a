package org.bordertransport.core.tnefmime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.encoding.EncodingException;
import org.bordertransport.core.encoding.HeaderEncoding;
import org.bordertransport.core.encoding.LineLimit;
import org.bordertransport.core.encoding.ParameterEncoding;
import org.bordertransport.core.encoding.TransferEncoder;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.mime.MimeEntityWriter;

/**
 * The MIME entities {@link TnefMimeWriter} writes: multiparts with a new boundary, text leaves (7bit when clean,
 * else quoted-printable, else base64), base64 file parts with RFC 2231 and legacy RFC 2047 names, and the folding,
 * encoding and name cleaning they need.
 */
final class TnefMimeParts {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_NAME_CHARS = 255;

    private TnefMimeParts() {
    }

    /** One part of a multipart: writes its header fields, an empty line and its body. */
    interface Part extends MimeEntityWriter.Part<TnefConversionException> {
    }

    static void multipart(String subtype, String parameters, List<Part> parts, OutputStream out)
        throws IOException, TnefConversionException {
        String boundary = "=_tnef_" + UUID.randomUUID().toString().replace("-", "");
        writeLine("Content-Type: multipart/" + subtype + ";\r\n\tboundary=\"" + boundary + "\"" + parameters, out);
        out.write(CRLF);
        MimeEntityWriter.writeParts(boundary, parts, out);
    }

    static void writeText(String text, OutputStream out) throws IOException, TnefConversionException {
        Charset charset = HeaderEncoding.needsEncoding(text.replace("\r", "").replace("\n", ""))
            ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII;
        writeTextLeaf("text/plain", clean(text, Integer.MAX_VALUE).getBytes(charset), charset, out);
    }

    /** A text leaf: 7bit when clean, else quoted-printable, else base64 when mostly 8-bit or not ASCII-based. */
    static void writeTextLeaf(String type, byte[] bytes, Charset charset, OutputStream out)
        throws IOException, TnefConversionException {
        boolean asciiBased = Arrays.equals("a\r\n".getBytes(charset), new byte[] {'a', '\r', '\n'});
        ContentScan scan = ContentScan.of(bytes);
        TransferEncoding encoding = !asciiBased || scan.eightBitOctets() * 3 > scan.octets() ? TransferEncoding.BASE64
            : scan.isSevenBitSafe(true) ? TransferEncoding.SEVEN_BIT : TransferEncoding.QUOTED_PRINTABLE;
        writeLine("Content-Type: " + type + "; charset=" + label(charset), out);
        writeLine("Content-Transfer-Encoding: " + encoding.token(), out);
        out.write(CRLF);
        encode(new ByteArrayInputStream(bytes), out, encoding, asciiBased);
    }

    /** A base64 file part, streamed. */
    static void writeFile(String type, String name, Optional<String> contentId, String disposition,
                                  InputStream content, OutputStream out) throws IOException, TnefConversionException {
        String safe = clean(name, MAX_NAME_CHARS);
        String legacy;
        try {
            legacy = ParameterEncoding.rfc2047Quoted("name", safe, StandardCharsets.UTF_8);
        } catch (EncodingException e) {
            throw new TnefConversionException("cannot encode attachment name '" + safe + "': " + e.getMessage(), e);
        }
        writeLine("Content-Type: " + fold("Content-Type", type + "; " + legacy), out);
        writeLine("Content-Transfer-Encoding: base64", out);
        writeLine("Content-Disposition: " + fold("Content-Disposition", disposition + "; "
            + String.join("; ", rfc2231("filename", safe))), out);
        if (contentId.isPresent()) {
            writeLine("Content-ID: <" + contentId.get() + ">", out);
        }
        out.write(CRLF);
        try (InputStream in = content) {
            encode(in, out, TransferEncoding.BASE64, false);
        }
    }

    static List<String> rfc2231(String parameter, String value) throws TnefConversionException {
        try {
            return ParameterEncoding.rfc2231(parameter, value, StandardCharsets.UTF_8);
        } catch (EncodingException e) {
            throw new TnefConversionException("cannot encode " + parameter + " '" + value + "': " + e.getMessage(), e);
        }
    }

    static String fold(String header, String value) throws TnefConversionException {
        try {
            return LineLimit.fold(header, value, true);
        } catch (EncodingException e) {
            throw new TnefConversionException("cannot fold " + header + ": " + e.getMessage(), e);
        }
    }

    static void encode(InputStream in, OutputStream out, TransferEncoding encoding, boolean text)
        throws IOException, TnefConversionException {
        try {
            TransferEncoder.encode(in, out, encoding, text);
        } catch (EncodingException e) {
            throw new TnefConversionException("cannot encode as " + encoding.token() + ": " + e.getMessage(), e);
        }
    }

    static String label(Charset charset) {
        return charset.name().toLowerCase(Locale.ROOT);
    }

    /** At most {@code max} chars (keeping a short extension), unpaired surrogates as U+FFFD. */
    static String clean(String value, int max) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), 1024));
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                b.append(c).append(value.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        if (b.length() <= max) {
            return b.toString();
        }
        int dot = b.lastIndexOf(".");
        String extension = dot >= 0 && b.length() - dot <= 16 ? b.substring(dot) : "";
        int cut = max - extension.length();
        if (cut > 0 && Character.isLowSurrogate(b.charAt(cut))) {
            cut--;
        }
        return b.substring(0, cut) + extension;
    }

    static void writeLine(String line, OutputStream out) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }
}
