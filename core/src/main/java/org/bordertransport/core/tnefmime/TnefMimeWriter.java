package org.bordertransport.core.tnefmime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bordertransport.core.charset.CodePages;
import org.bordertransport.core.rtf.CompressedRtf;
import org.bordertransport.core.rtf.DecompressedRtf;
import org.bordertransport.core.rtf.RtfBody;
import org.bordertransport.core.rtf.RtfDeencapsulator;
import org.bordertransport.core.rtf.RtfException;
import org.bordertransport.core.rtf.RtfMode;
import org.bordertransport.core.rtf.RtfPicture;
import org.bordertransport.core.rtf.RtfRenderer;
import org.bordertransport.core.rtf.RtfRendering;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttachment;
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
 *   from the RTF ({@code \fromtext}). An RTF that encapsulates nothing is rendered ({@link RtfRenderer}) as the
 *   HTML when there is no other HTML, and as the text when there is no other text, its PNG and JPEG pictures as
 *   inline parts of the {@code multipart/related}; it is attached as {@code body.rtf} with
 *   {@link TnefMimeOptions#keepRtf()}, or when it cannot be rendered and there is no other body. An unreadable RTF
 *   is left out (the summary says so).</li>
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
    private static final Pattern CONTENT_ID = Pattern.compile("[\\x21-\\x7E&&[^<>\"\\\\]]{1,250}");

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
        private List<RtfPicture> pictures = List.of();
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
            String searchable = html == null ? "" : TnefHtml.searchable(html, htmlCharset);
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
                    ? TnefHtml.declaredCharset(html).orElse(message.htmlCharset()) : message.htmlCharset();
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
                if (options.keepRtf()) {
                    rtf = raw;
                }
                if (body.kind() == RtfBody.Kind.RTF_ONLY && html == null) {
                    render(raw);
                }
            } catch (RtfException e) {
                notes.add("RTF body left out: " + e.getMessage());
                return;
            }
            if (body.kind() == RtfBody.Kind.HTML && html == null) {
                Charset charset = CodePages.lookup(body.codePage()).filter(c -> TnefHtml.fits(body.text(), c))
                    .orElse(StandardCharsets.UTF_8);
                String source = charset.equals(StandardCharsets.UTF_8) ? TnefHtml.withMetaCharset(body.text(), charset)
                    : body.text();
                html = source.getBytes(charset);
                htmlCharset = charset;
                notes.add("HTML from RTF");
            } else if (body.kind() == RtfBody.Kind.TEXT && text == null) {
                text = body.text();
                notes.add("text from RTF");
            }
        }

        /** Genuine RTF as the HTML (and the text when there is none); attached as body.rtf when it cannot be. */
        private void render(byte[] raw) {
            try {
                RtfRendering rendering = RtfRenderer.create(RtfMode.LENIENT, options.rtfLimits()).render(raw);
                html = rendering.html().getBytes(StandardCharsets.UTF_8);
                htmlCharset = StandardCharsets.UTF_8;
                pictures = rendering.pictures();
                notes.add(text == null ? "HTML and text rendered from RTF" : "HTML rendered from RTF");
                text = text == null ? rendering.text() : text;
            } catch (RtfException e) {
                notes.add("RTF not rendered: " + e.getMessage());
                if (text == null) {
                    rtf = raw;
                }
            }
        }

        String write(OutputStream out) throws IOException, TnefConversionException {
            boolean body = html != null || text != null || calendar != null;
            List<TnefMimeParts.Part> parts = new ArrayList<>();
            if (body) {
                parts.add(this::writeBody);
            }
            for (TnefAttachment a : files) {
                parts.add(o -> writeAttachment(a, o));
            }
            if (rtf != null) {
                parts.add(o -> TnefMimeParts.writeFile("text/rtf", "body.rtf", Optional.empty(), "attachment",
                    new ByteArrayInputStream(rtf), o));
            }
            String type;
            if (parts.size() == 1 && body) {
                type = writeBodyType();
                writeBody(out);
            } else if (parts.isEmpty()) {
                type = "text/plain";
                TnefMimeParts.writeText("", out);
            } else {
                type = "multipart/mixed";
                TnefMimeParts.multipart("mixed", "", parts, out);
            }
            List<String> what = new ArrayList<>();
            if (body) {
                what.add(writeBodyType() + " body");
            }
            what.add(files.size() - embedded + (rtf == null ? 0 : 1) + " attachment(s)");
            if (!inline.isEmpty() || !pictures.isEmpty()) {
                what.add(inline.size() + pictures.size() + " inline image(s)");
            }
            if (embedded > 0) {
                what.add(embedded + " attached message(s)");
            }
            what.addAll(notes);
            return type + " (" + String.join(", ", what) + ")";
        }

        private String writeBodyType() {
            String htmlType = inline.isEmpty() && pictures.isEmpty() ? "text/html" : "multipart/related";
            if (calendar != null) {
                return html != null || text != null ? "multipart/alternative" : "text/calendar";
            }
            return html != null && text != null ? "multipart/alternative" : html != null ? htmlType : "text/plain";
        }

        private void writeBody(OutputStream out) throws IOException, TnefConversionException {
            if (calendar != null) {
                List<TnefMimeParts.Part> alternatives = new ArrayList<>();
                if (text != null) {
                    alternatives.add(o -> TnefMimeParts.writeText(text, o));
                }
                if (html != null) {
                    alternatives.add(this::writeHtmlBody);
                }
                alternatives.add(o -> TnefMimeParts.writeTextLeaf("text/calendar; method=" + calendar.method(),
                    calendar.bytes(),
                    StandardCharsets.UTF_8, o));
                if (alternatives.size() == 1) {
                    alternatives.get(0).write(out);
                } else {
                    TnefMimeParts.multipart("alternative", "", alternatives, out);
                }
            } else if (html != null && text != null) {
                TnefMimeParts.multipart("alternative", "", List.of(o -> TnefMimeParts.writeText(text, o),
                    this::writeHtmlBody), out);
            } else if (html != null) {
                writeHtmlBody(out);
            } else {
                TnefMimeParts.writeText(text, out);
            }
        }

        private void writeHtmlBody(OutputStream out) throws IOException, TnefConversionException {
            if (inline.isEmpty() && pictures.isEmpty()) {
                writeHtml(out);
                return;
            }
            List<TnefMimeParts.Part> parts = new ArrayList<>();
            parts.add(this::writeHtml);
            for (TnefAttachment a : inline) {
                parts.add(o -> TnefMimeParts.writeFile(MimeTypes.of(a.mimeTag(), a.name()), a.name(), contentId(a),
                    "inline",
                    a.content().get().openStream(), o));
            }
            for (RtfPicture p : pictures) {
                parts.add(o -> TnefMimeParts.writeFile(p.mimeType(), p.fileName(), Optional.of(p.contentId()), "inline",
                    RtfRendering.open(p), o));
            }
            TnefMimeParts.multipart("related", "; type=\"text/html\"", parts, out);
        }

        private void writeHtml(OutputStream out) throws IOException, TnefConversionException {
            TnefMimeParts.writeTextLeaf("text/html", html, htmlCharset, out);
        }

        private void writeAttachment(TnefAttachment a, OutputStream out) throws IOException, TnefConversionException {
            if (a.embeddedMessage().isPresent()) {
                TnefMessage inner = a.embeddedMessage().get();
                String name = a.name().toLowerCase(Locale.ROOT).endsWith(".eml") ? a.name() : a.name() + ".eml";
                TnefMimeParts.writeLine("Content-Type: message/rfc822", out);
                TnefMimeParts.writeLine("Content-Transfer-Encoding: 7bit", out);
                TnefMimeParts.writeLine("Content-Disposition: " + TnefMimeParts.fold("Content-Disposition",
                    "attachment; "
                    + String.join("; ", TnefMimeParts.rfc2231("filename", name))), out);
                out.write(CRLF);
                AttachedMessageHeaders.writeMessageHeaders(inner, out);
                new Entity(inner).write(out);
                return;
            }
            TnefMimeParts.writeFile(MimeTypes.of(a.mimeTag(), a.name()), a.name(), Optional.empty(), "attachment",
                a.content().get().openStream(), out);
        }
    }

    /** PR_ATTACH_CONTENT_ID without angle brackets, when it can be written as a Content-ID. */
    private static Optional<String> contentId(TnefAttachment a) {
        return a.contentId().map(String::trim).map(c -> c.startsWith("<") && c.endsWith(">") && c.length() > 2
            ? c.substring(1, c.length() - 1) : c).filter(c -> CONTENT_ID.matcher(c).matches());
    }
}
