package org.bordertransport.core.convert;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.bordertransport.core.charset.Iso2022JpEncoder;
import org.bordertransport.core.charset.Iso2022JpVariant;
import org.bordertransport.core.encoding.EncodingException;
import org.bordertransport.core.encoding.HeaderDecoding;
import org.bordertransport.core.encoding.HeaderEncoding;
import org.bordertransport.core.encoding.LineLimit;
import org.bordertransport.core.encoding.ParameterEncoding;
import org.bordertransport.core.mime.MimeNode;

/**
 * Makes header fields 7-bit clean: 8-bit values become RFC 2047 encoded-words (display names only in address
 * headers), 8-bit {@code Content-Type}/{@code Content-Disposition} parameters RFC 2231 (plus the legacy RFC 2047 form
 * for {@code name}/{@code filename} when asked), lines over 998 octets are folded; for ISO-2022-JP domains the
 * {@code Subject} and display names become ISO-2022-JP B-words (code page 50220, RFC 1468) when they fit; the
 * sender's display name in {@code From}/{@code Sender} follows {@code DisplaySenderName} and
 * {@code UseSimpleDisplayName} ({@link SenderNames}).
 */
final class HeaderRewriter {
    private static final Set<String> ADDRESS_HEADERS = Set.of("from", "to", "cc", "bcc", "reply-to", "sender",
        "resent-from", "resent-to", "resent-cc", "resent-bcc", "resent-sender", "resent-reply-to",
        "disposition-notification-to", "return-receipt-to", "mail-followup-to", "mail-reply-to");
    private static final Set<String> PARAMETERIZED = Set.of("content-type", "content-disposition");
    private static final Charset JAVA_ISO_2022_JP = Charset.forName("ISO-2022-JP");

    private final Charset eightBitFallback;
    private final boolean japanese;
    private final boolean legacyFilenames;
    private final Optional<UnaryOperator<String>> senderNames;
    private final Iso2022JpEncoder headerEncoder = Iso2022JpEncoder.of(Iso2022JpVariant.CP50220);

    HeaderRewriter(Charset eightBitFallback, boolean japanese, boolean legacyFilenames) {
        this(eightBitFallback, japanese, legacyFilenames, Optional.empty());
    }

    HeaderRewriter(Charset eightBitFallback, boolean japanese, boolean legacyFilenames,
                   Optional<UnaryOperator<String>> senderNames) {
        this.senderNames = senderNames;
        this.eightBitFallback = eightBitFallback;
        this.japanese = japanese;
        this.legacyFilenames = legacyFilenames;
    }

    static boolean isClean(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return !cannotBeSent(raw);
    }

    /**
     * Whether the field is a {@code Content-Type} or {@code Content-Disposition} that a strict reader (javax.mail,
     * which James runs on every changed message it saves) cannot parse: rewriting it in canonical form (quoted values,
     * RFC 2231 for non-ASCII) is then not presentation but what keeps James from failing on the mail.
     */
    static boolean hasMalformedParameters(MimeNode.Header header) {
        String lower = header.name().toLowerCase(Locale.ROOT);
        if (!PARAMETERIZED.contains(lower)) {
            return false;
        }
        // the structure is ASCII: reading 8-bit octets one a character tells the same as any charset would
        String field = new String(header.raw(), StandardCharsets.ISO_8859_1);
        return hasMalformedParameters(header, field.substring(field.indexOf(':') + 1));
    }

    private static boolean hasMalformedParameters(MimeNode.Header header, String value) {
        String lower = header.name().toLowerCase(Locale.ROOT);
        return PARAMETERIZED.contains(lower) && !ParameterEncoding.isStrict(value, lower.equals("content-type"));
    }

    /** Whether a line of the raw field is longer than SMTP allows (998 octets), or it holds a NUL. */
    static boolean cannotBeSent(byte[] raw) {
        int line = 0;
        for (byte b : raw) {
            if (b == 0) {
                return true;
            }
            if (b == '\n' || b == '\r') {
                line = 0;
            } else if (++line > LineLimit.MAX_LINE_OCTETS) {
                return true;
            }
        }
        return false;
    }

    /** The rewritten field (without final CRLF), or empty when the raw field can be sent as it is. */
    Optional<String> rewrite(MimeNode.Header header, boolean root) throws ConversionException {
        String lower = header.name().toLowerCase(Locale.ROOT);
        if (root && senderNames.isPresent() && (lower.equals("from") || lower.equals("sender"))) {
            String renamed = renameSender(header);
            if (renamed != null) {
                return Optional.of(renamed);
            }
        }
        boolean japaneseHeader = japanese && root && (lower.equals("subject") || ADDRESS_HEADERS.contains(lower));
        boolean clean = isClean(header.raw());
        String value = clean && !japaneseHeader && !PARAMETERIZED.contains(lower) ? null : value(header.raw());
        if (value != null && hasMalformedParameters(header, value)) {
            clean = false;
        }
        if (clean && !japaneseHeader) {
            return Optional.empty();
        }
        try {
            if (japaneseHeader && clean && ADDRESS_HEADERS.contains(lower)) {
                try {
                    return HeaderEncoding.recodeDisplayNames(header.name(), value, JAVA_ISO_2022_JP,
                        HeaderEncoding.WordEncoding.B).map(v -> header.name() + ": " + v);
                } catch (EncodingException e) {
                    return Optional.empty(); // a name ISO-2022-JP cannot carry keeps its words
                }
            }
            if (japanese && root && lower.equals("subject")) {
                String decoded = HeaderDecoding.decode(value).trim();
                if (HeaderEncoding.needsEncoding(decoded) && headerEncoder.canEncode(decoded)) {
                    if (clean && value.toUpperCase(Locale.ROOT).contains("=?ISO-2022-JP?B?")) {
                        return Optional.empty();
                    }
                    return Optional.of(header.name() + ": " + HeaderEncoding.encodeUnstructured(header.name(), decoded,
                        JAVA_ISO_2022_JP, HeaderEncoding.WordEncoding.B));
                }
                if (clean) {
                    return Optional.empty();
                }
            }
            if (ADDRESS_HEADERS.contains(lower)) {
                return Optional.of(header.name() + ": " + addressList(header.name(), value));
            }
            if (PARAMETERIZED.contains(lower)) {
                ParameterEncoding.Parsed parsed = ParameterEncoding.parse(value);
                return Optional.of(header.name() + ": " + parameterized(header.name(), parsed.value(), parsed.parameters()));
            }
            if (HeaderEncoding.needsEncoding(value)) {
                return Optional.of(header.name() + ": " + HeaderEncoding.encodeUnstructured(header.name(), value,
                    StandardCharsets.UTF_8, HeaderEncoding.WordEncoding.SHORTEST));
            }
            return Optional.of(header.name() + ": " + LineLimit.fold(header.name(), value, false));
        } catch (EncodingException e) {
            throw new ConversionException("cannot encode header " + header.name() + ": " + e.getMessage(), e);
        }
    }

    /** The sender field with the display names changed (DisplaySenderName / UseSimpleDisplayName), null if same. */
    private String renameSender(MimeNode.Header header) throws ConversionException {
        String value = value(header.raw());
        try {
            String renamed = HeaderEncoding.renameMailboxes(header.name(), value, senderNames.get());
            if (renamed.equals(LineLimit.fold(header.name(), value, true))) {
                return null;
            }
            return header.name() + ": " + (japanese ? HeaderEncoding.recodeDisplayNames(header.name(), renamed,
                JAVA_ISO_2022_JP, HeaderEncoding.WordEncoding.B).orElse(renamed) : renamed);
        } catch (EncodingException e) {
            throw new ConversionException("cannot rewrite the display name in " + header.name() + ": " + e.getMessage(),
                e);
        }
    }

    private String addressList(String name, String value) throws EncodingException {
        if (japanese) {
            try {
                return HeaderEncoding.encodeAddressList(name, value, JAVA_ISO_2022_JP, HeaderEncoding.WordEncoding.B);
            } catch (EncodingException e) {
                // a character ISO-2022-JP cannot carry: UTF-8 words below
            }
        }
        return HeaderEncoding.encodeAddressList(name, value, StandardCharsets.UTF_8,
            HeaderEncoding.WordEncoding.SHORTEST);
    }

    /** {@code value; p1=...; p2*=utf-8''...}, folded, for a header named {@code name}. */
    String parameterized(String name, String value, Map<String, String> parameters) throws ConversionException {
        try {
            List<String> pieces = new ArrayList<>();
            pieces.add(value);
            for (Map.Entry<String, String> p : parameters.entrySet()) {
                pieces.addAll(ParameterEncoding.rfc2231(p.getKey(), p.getValue(), StandardCharsets.UTF_8));
                if (legacyFilenames && HeaderEncoding.needsEncoding(p.getValue())
                    && (p.getKey().equals("name") || p.getKey().equals("filename"))) {
                    pieces.add(ParameterEncoding.rfc2047Quoted(p.getKey(), p.getValue(), StandardCharsets.UTF_8));
                }
            }
            return LineLimit.fold(name, String.join("; ", pieces), true);
        } catch (EncodingException | IllegalArgumentException e) {
            throw new ConversionException("cannot encode header " + name + ": " + e.getMessage(), e);
        }
    }

    /** The unfolded value after the colon, 8-bit octets read as UTF-8 or else in the fallback charset. */
    String value(byte[] raw) {
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        int start = Math.min(colon + 1, raw.length);
        boolean ascii = true;
        boolean lineBreaks = false;
        for (int i = start; i < raw.length; i++) {
            byte b = raw[i];
            ascii &= b >= 0;
            lineBreaks |= b == '\r' || b == '\n';
        }
        String text;
        if (ascii) {
            text = new String(raw, start, raw.length - start, StandardCharsets.US_ASCII);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, start, raw.length - start)).toString();
            } catch (CharacterCodingException e) {
                text = new String(raw, start, raw.length - start, eightBitFallback);
            }
        }
        return lineBreaks ? withoutLineBreaks(text).trim() : text.trim();
    }

    /**
     * Unfolds: every CR and LF removed. A fold ({@code CRLF} or {@code LF} before a space or tab) leaves its
     * whitespace; a stray CR or LF elsewhere goes too.
     */
    static String withoutLineBreaks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
