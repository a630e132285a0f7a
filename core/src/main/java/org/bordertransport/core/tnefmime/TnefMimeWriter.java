package org.bordertransport.core.tnefmime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.encoding.EncodingException;
import org.bordertransport.core.encoding.HeaderEncoding;
import org.bordertransport.core.encoding.LineLimit;
import org.bordertransport.core.encoding.ParameterEncoding;
import org.bordertransport.core.encoding.TransferEncoder;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.rtf.CompressedRtf;
import org.bordertransport.core.rtf.DecompressedRtf;
import org.bordertransport.core.rtf.RtfBody;
import org.bordertransport.core.rtf.RtfDeencapsulator;
import org.bordertransport.core.rtf.RtfException;
import org.bordertransport.core.rtf.RtfMode;
import org.bordertransport.core.tnef.CodePages;
import org.bordertransport.core.tnef.MapiProperty;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttachment;
import org.bordertransport.core.tnef.TnefAttribute;
import org.bordertransport.core.tnef.TnefContent;
import org.bordertransport.core.tnef.TnefMessage;

/**
 * Writes a {@link TnefMessage} as one MIME entity: its {@code Content-*} header fields, an empty line and the body,
 * with CRLF line ends and 7-bit clean (no line over 998 octets).
 *
 * <ul>
 *   <li>Structure: {@code multipart/mixed} of the body and the attachments; the body alone when there is no
 *   attachment. The body is {@code text/plain}, {@code text/html}, or {@code multipart/alternative} of both; HTML
 *   with inline images (attachments whose PR_ATTACH_CONTENT_ID is referenced as {@code cid:} in the HTML) becomes
 *   {@code multipart/related} of the HTML and those images, each with its {@code Content-ID}.</li>
 *   <li>HTML: PR_HTML (in its declared {@code <meta>} charset, else the message charset) or PR_BODY_HTML (UTF-8);
 *   else the HTML de-encapsulated from PR_RTF_COMPRESSED ({@code \fromhtml1}), in the RTF code page when it fits,
 *   else UTF-8 with its {@code <meta>} charset corrected. Text: PR_BODY or attBody, else the text de-encapsulated
 *   from the RTF ({@code \fromtext}). An RTF that encapsulates nothing is attached as {@code body.rtf} when there is
 *   no other body, or always with {@link TnefMimeOptions#keepRtf()}. An unreadable RTF is left out (the summary
 *   says so).</li>
 *   <li>Text bodies are 7bit when they can be, else quoted-printable, or base64 when mostly 8-bit; attachments are
 *   base64, streamed from {@link TnefContent#openStream()}. Attachment names ({@link TnefAttachment#name()}, used
 *   only as names) go into {@code Content-Disposition} as RFC 2231 {@code filename} and into {@code Content-Type} as
 *   {@code name}, RFC 2047-encoded in a quoted string for legacy clients. The type is PR_ATTACH_MIME_TAG, else
 *   guessed from the extension, else {@code application/octet-stream}.</li>
 *   <li>Attached messages (method 5) become {@code message/rfc822}: {@code From} (PR_SENDER_NAME with
 *   PR_SENDER_SMTP_ADDRESS or an SMTP PR_SENDER_EMAIL_ADDRESS), {@code Subject}, {@code Date}
 *   (PR_CLIENT_SUBMIT_TIME, else attDateSent), {@code Message-ID} (PR_INTERNET_MESSAGE_ID) when present,
 *   {@code MIME-Version}, then their own entity, recursively.</li>
 *   <li>Attachments without data (neither bytes nor a message) are left out.</li>
 *   <li>Meeting messages and appointments ({@link TnefCalendar}): the body becomes {@code multipart/alternative} of
 *   the text and HTML bodies and a {@code text/calendar; method=...} part (7bit, else quoted-printable).</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.</p>
 */
public final class TnefMimeWriter {
    static final int PR_CLIENT_SUBMIT_TIME = 0x0039;
    static final int PR_SENDER_NAME = 0x0C1A;
    static final int PR_SENDER_EMAIL_ADDRESS = 0x0C1F;
    static final int PR_INTERNET_MESSAGE_ID = 0x1035;
    static final int PR_SENDER_SMTP_ADDRESS = 0x5D01;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final Pattern META_CHARSET = Pattern.compile(
        "<meta[^>]{0,400}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]{1,40})", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_ID = Pattern.compile("[\\x21-\\x7E&&[^<>\"\\\\]]{1,250}");
    private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x7E&&[^<>]]{1,900}@[\\x21-\\x7E&&[^<>]]{1,255}>");
    private static final Pattern ADDRESS = Pattern.compile("[\\x21-\\x7E&&[^<>()\\[\\],;:\"\\\\]]{1,64}@[A-Za-z0-9.-]{1,255}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
        Locale.US).withZone(ZoneOffset.UTC);
    private static final int MAX_NAME_CHARS = 255;

    private final TnefMimeOptions options;

    private TnefMimeWriter(TnefMimeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public static TnefMimeWriter of(TnefMimeOptions options) {
        return new TnefMimeWriter(options);
    }

    /**
     * Writes the entity of {@code message} to {@code out} (not closed): {@code Content-Type} (and
     * {@code Content-Transfer-Encoding} for a leaf) header fields, an empty line, the body. The caller writes any other
     * header field before it.
     *
     * @return a summary for logs, such as {@code "multipart/mixed (text/html body, 2 attachment(s))"}
     * @throws TnefConversionException the HTML body is over {@link TnefMimeOptions#maxHtmlOctets()}
     * @throws IOException writing failed, or the message's temporary file is gone (closed)
     */
    public String write(TnefMessage message, OutputStream out) throws IOException, TnefConversionException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(out, "out");
        return new Entity(message).write(out);
    }

    /** The entity of one message: its body and attachments, as planned before anything is written. */
    private final class Entity {
        private final TnefMessage message;
        private final List<String> notes = new ArrayList<>();
        private final List<TnefAttachment> inline = new ArrayList<>();
        private final List<TnefAttachment> files = new ArrayList<>();
        private byte[] html;
        private Charset htmlCharset;
        private String text;
        private byte[] rtf;
        private int embedded;
        private TnefCalendar calendar;

        Entity(TnefMessage message) throws IOException, TnefConversionException {
            this.message = message;
            readBodies();
            TnefCalendar.Conversion conversion = TnefCalendar.convert(message, Clock.systemUTC());
            calendar = conversion.calendar().orElse(null);
            if (calendar != null) {
                notes.add("text/calendar method=" + calendar.method());
            }
            notes.addAll(conversion.notes());
            String searchable = html == null ? "" : searchable(html, htmlCharset);
            for (TnefAttachment a : message.attachments()) {
                if (a.embeddedMessage().isPresent()) {
                    files.add(a);
                    embedded++;
                } else if (a.content().isPresent()) {
                    Optional<String> cid = contentId(a);
                    if (cid.isPresent() && searchable.contains("cid:" + cid.get().toLowerCase(Locale.ROOT))) {
                        inline.add(a);
                    } else {
                        files.add(a);
                    }
                } else {
                    notes.add("attachment " + a.number() + " without data left out");
                }
            }
        }

        private void readBodies() throws IOException, TnefConversionException {
            Optional<TnefContent> htmlBody = message.htmlBody();
            if (htmlBody.isPresent()) {
                TnefContent content = htmlBody.get();
                if (content.size() > options.maxHtmlOctets()) {
                    throw new TnefConversionException("HTML body of " + content.size() + " octets is over the limit of "
                        + options.maxHtmlOctets() + " octets");
                }
                html = content.toByteArray();
                htmlCharset = message.properties().get(MapiTag.PR_HTML, MapiTag.PT_BINARY).isPresent()
                    ? declaredCharset(html).orElse(message.htmlCharset()) : message.htmlCharset();
            }
            text = message.textBody().orElse(null);
            Optional<TnefContent> compressed = message.compressedRtf();
            if (compressed.isEmpty() || html != null && text != null && !options.keepRtf()) {
                return;
            }
            RtfBody body;
            try {
                if (compressed.get().size() > options.rtfLimits().maxRtfBytes()) {
                    throw new RtfException("compressed RTF of " + compressed.get().size() + " octets is over maxRtfBytes "
                        + options.rtfLimits().maxRtfBytes());
                }
                DecompressedRtf decompressed = CompressedRtf.decompress(compressed.get().toByteArray(),
                    RtfMode.LENIENT, options.rtfLimits());
                byte[] raw = decompressed.rtf();
                body = RtfDeencapsulator.create(RtfMode.LENIENT, options.rtfLimits()).deencapsulate(raw);
                if (options.keepRtf() || body.kind() == RtfBody.Kind.RTF_ONLY && html == null && text == null) {
                    rtf = raw;
                }
            } catch (RtfException e) {
                notes.add("RTF body left out: " + e.getMessage());
                return;
            }
            if (body.kind() == RtfBody.Kind.HTML && html == null) {
                Charset charset = CodePages.lookup(body.codePage()).filter(c -> fits(body.text(), c))
                    .orElse(StandardCharsets.UTF_8);
                String source = charset.equals(StandardCharsets.UTF_8) ? withMetaCharset(body.text(), charset)
                    : body.text();
                html = source.getBytes(charset);
                htmlCharset = charset;
                notes.add("HTML from RTF");
            } else if (body.kind() == RtfBody.Kind.TEXT && text == null) {
                text = body.text();
                notes.add("text from RTF");
            }
        }

        String write(OutputStream out) throws IOException, TnefConversionException {
            boolean body = html != null || text != null || calendar != null;
            List<Part> parts = new ArrayList<>();
            if (body) {
                parts.add(this::writeBody);
            }
            for (TnefAttachment a : files) {
                parts.add(o -> writeAttachment(a, o));
            }
            if (rtf != null) {
                parts.add(o -> writeFile("text/rtf", "body.rtf", Optional.empty(), "attachment",
                    new ByteArrayInputStream(rtf), o));
            }
            String type;
            if (parts.size() == 1 && body) {
                type = writeBodyType();
                writeBody(out);
            } else if (parts.isEmpty()) {
                type = "text/plain";
                writeText("", out);
            } else {
                type = "multipart/mixed";
                multipart("mixed", "", parts, out);
            }
            List<String> what = new ArrayList<>();
            if (body) {
                what.add(writeBodyType() + " body");
            }
            what.add(files.size() - embedded + (rtf == null ? 0 : 1) + " attachment(s)");
            if (!inline.isEmpty()) {
                what.add(inline.size() + " inline image(s)");
            }
            if (embedded > 0) {
                what.add(embedded + " attached message(s)");
            }
            what.addAll(notes);
            return type + " (" + String.join(", ", what) + ")";
        }

        private String writeBodyType() {
            String htmlType = inline.isEmpty() ? "text/html" : "multipart/related";
            if (calendar != null) {
                return html != null || text != null ? "multipart/alternative" : "text/calendar";
            }
            return html != null && text != null ? "multipart/alternative" : html != null ? htmlType : "text/plain";
        }

        private void writeBody(OutputStream out) throws IOException, TnefConversionException {
            if (calendar != null) {
                List<Part> alternatives = new ArrayList<>();
                if (text != null) {
                    alternatives.add(o -> writeText(text, o));
                }
                if (html != null) {
                    alternatives.add(this::writeHtmlBody);
                }
                alternatives.add(o -> writeTextLeaf("text/calendar; method=" + calendar.method(), calendar.bytes(),
                    StandardCharsets.UTF_8, o));
                if (alternatives.size() == 1) {
                    alternatives.get(0).write(out);
                } else {
                    multipart("alternative", "", alternatives, out);
                }
            } else if (html != null && text != null) {
                multipart("alternative", "", List.of(o -> writeText(text, o), this::writeHtmlBody), out);
            } else if (html != null) {
                writeHtmlBody(out);
            } else {
                writeText(text, out);
            }
        }

        private void writeHtmlBody(OutputStream out) throws IOException, TnefConversionException {
            if (inline.isEmpty()) {
                writeHtml(out);
                return;
            }
            List<Part> parts = new ArrayList<>();
            parts.add(this::writeHtml);
            for (TnefAttachment a : inline) {
                parts.add(o -> writeFile(MimeTypes.of(a.mimeTag(), a.name()), a.name(), contentId(a), "inline",
                    a.content().get().openStream(), o));
            }
            multipart("related", "; type=\"text/html\"", parts, out);
        }

        private void writeHtml(OutputStream out) throws IOException, TnefConversionException {
            writeTextLeaf("text/html", html, htmlCharset, out);
        }

        private void writeAttachment(TnefAttachment a, OutputStream out) throws IOException, TnefConversionException {
            if (a.embeddedMessage().isPresent()) {
                TnefMessage inner = a.embeddedMessage().get();
                String name = a.name().toLowerCase(Locale.ROOT).endsWith(".eml") ? a.name() : a.name() + ".eml";
                writeLine("Content-Type: message/rfc822", out);
                writeLine("Content-Transfer-Encoding: 7bit", out);
                writeLine("Content-Disposition: " + fold("Content-Disposition", "attachment; "
                    + String.join("; ", rfc2231("filename", name))), out);
                out.write(CRLF);
                writeMessageHeaders(inner, out);
                new Entity(inner).write(out);
                return;
            }
            writeFile(MimeTypes.of(a.mimeTag(), a.name()), a.name(), Optional.empty(), "attachment",
                a.content().get().openStream(), out);
        }
    }

    /** One part of a multipart: writes its header fields, an empty line and its body. */
    private interface Part {
        void write(OutputStream out) throws IOException, TnefConversionException;
    }

    private static void multipart(String subtype, String parameters, List<Part> parts, OutputStream out)
        throws IOException, TnefConversionException {
        String boundary = "=_tnef_" + UUID.randomUUID().toString().replace("-", "");
        writeLine("Content-Type: multipart/" + subtype + ";\r\n\tboundary=\"" + boundary + "\"" + parameters, out);
        out.write(CRLF);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (Part part : parts) {
            out.write(delimiter);
            out.write(CRLF);
            part.write(out);
            out.write(CRLF);
        }
        out.write(delimiter);
        out.write(new byte[] {'-', '-', '\r', '\n'});
    }

    /** The minimal RFC 5322 header of an attached message, before its entity. */
    static void writeMessageHeaders(TnefMessage message, OutputStream out) throws IOException {
        Optional<String> from = from(message);
        if (from.isPresent()) {
            writeLine("From: " + from.get(), out);
        }
        Optional<String> subject = message.subject().map(s -> s.trim()).filter(s -> !s.isEmpty());
        if (subject.isPresent()) {
            Optional<String> encoded = subjectValue(subject.get());
            if (encoded.isPresent()) {
                writeLine("Subject: " + encoded.get(), out);
            }
        }
        Optional<Instant> date = message.properties().get(PR_CLIENT_SUBMIT_TIME).flatMap(MapiProperty::timeValue);
        if (date.isEmpty()) {
            date = message.attribute(TnefAttribute.ATT_DATE_SENT).flatMap(TnefAttribute::dateValue)
                .map(d -> d.toInstant(ZoneOffset.UTC));
        }
        if (date.isPresent()) {
            writeLine("Date: " + DATE.format(date.get()), out);
        }
        Optional<String> id = message.properties().string(PR_INTERNET_MESSAGE_ID).map(String::trim)
            .filter(i -> MESSAGE_ID.matcher(i).matches());
        if (id.isPresent()) {
            writeLine("Message-ID: " + id.get(), out);
        }
        writeLine("MIME-Version: 1.0", out);
    }

    /** A Subject value, RFC 2047-encoded and folded; empty when it cannot be encoded. */
    static Optional<String> subjectValue(String subject) {
        try {
            return Optional.of(HeaderEncoding.encodeUnstructured("Subject", clean(subject, 998),
                StandardCharsets.UTF_8, HeaderEncoding.WordEncoding.SHORTEST));
        } catch (EncodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> from(TnefMessage message) {
        Optional<String> address = message.properties().string(PR_SENDER_SMTP_ADDRESS).map(String::trim)
            .filter(a -> ADDRESS.matcher(a).matches());
        if (address.isEmpty()) {
            address = message.properties().string(PR_SENDER_EMAIL_ADDRESS).map(String::trim)
                .filter(a -> ADDRESS.matcher(a).matches());
        }
        if (address.isEmpty()) {
            return Optional.empty();
        }
        String name = message.properties().string(PR_SENDER_NAME).map(n -> clean(n, 200).trim()).orElse("");
        try {
            return Optional.of(fold("From", HeaderEncoding.encodeMailbox(name.equals(address.get()) ? "" : name,
                address.get(), StandardCharsets.UTF_8, HeaderEncoding.WordEncoding.SHORTEST)));
        } catch (TnefConversionException | EncodingException e) {
            return Optional.empty();
        }
    }

    private static void writeText(String text, OutputStream out) throws IOException, TnefConversionException {
        Charset charset = HeaderEncoding.needsEncoding(text.replace("\r", "").replace("\n", ""))
            ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII;
        writeTextLeaf("text/plain", clean(text, Integer.MAX_VALUE).getBytes(charset), charset, out);
    }

    /** A text leaf: 7bit when clean, else quoted-printable, else base64 when mostly 8-bit or not ASCII-based. */
    private static void writeTextLeaf(String type, byte[] bytes, Charset charset, OutputStream out)
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
    private static void writeFile(String type, String name, Optional<String> contentId, String disposition,
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

    private static List<String> rfc2231(String parameter, String value) throws TnefConversionException {
        try {
            return ParameterEncoding.rfc2231(parameter, value, StandardCharsets.UTF_8);
        } catch (EncodingException e) {
            throw new TnefConversionException("cannot encode " + parameter + " '" + value + "': " + e.getMessage(), e);
        }
    }

    private static String fold(String header, String value) throws TnefConversionException {
        try {
            return LineLimit.fold(header, value, true);
        } catch (EncodingException e) {
            throw new TnefConversionException("cannot fold " + header + ": " + e.getMessage(), e);
        }
    }

    private static void encode(InputStream in, OutputStream out, TransferEncoding encoding, boolean text)
        throws IOException, TnefConversionException {
        try {
            TransferEncoder.encode(in, out, encoding, text);
        } catch (EncodingException e) {
            throw new TnefConversionException("cannot encode as " + encoding.token() + ": " + e.getMessage(), e);
        }
    }

    /** PR_ATTACH_CONTENT_ID without angle brackets, when it can be written as a Content-ID. */
    private static Optional<String> contentId(TnefAttachment a) {
        return a.contentId().map(String::trim).map(c -> c.startsWith("<") && c.endsWith(">") && c.length() > 2
            ? c.substring(1, c.length() - 1) : c).filter(c -> CONTENT_ID.matcher(c).matches());
    }

    /** The HTML lower-cased for finding {@code cid:} references. */
    private static String searchable(byte[] html, Charset charset) {
        boolean asciiBased = Arrays.equals("cid:".getBytes(charset), "cid:".getBytes(StandardCharsets.US_ASCII));
        return new String(html, asciiBased ? StandardCharsets.ISO_8859_1 : charset).toLowerCase(Locale.ROOT);
    }

    /** The charset a {@code <meta>} element of the HTML declares, when known to this JVM. */
    private static Optional<Charset> declaredCharset(byte[] html) {
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
    private static String withMetaCharset(String html, Charset charset) {
        Matcher m = META_CHARSET.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        int last = 0;
        while (m.find()) {
            out.append(html, last, m.start(1)).append(label(charset));
            last = m.end(1);
        }
        return out.append(html, last, html.length()).toString();
    }

    private static boolean fits(String text, Charset charset) {
        try {
            charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String label(Charset charset) {
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

    private static void writeLine(String line, OutputStream out) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }
}
