package org.bordertransport.core.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.bordertransport.core.charset.CharsetConversionException;
import org.bordertransport.core.charset.Iso2022JpDecoder;
import org.bordertransport.core.charset.Iso2022JpEncoder;
import org.bordertransport.core.charset.Iso2022JpVariant;
import org.bordertransport.core.encoding.BodyKind;
import org.bordertransport.core.encoding.EncodingException;
import org.bordertransport.core.encoding.ParameterEncoding;
import org.bordertransport.core.encoding.TransferEncoder;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.encoding.TransferEncodingChooser;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.RemoteDomainSettings;

/**
 * One conversion of one message (or of one attached message) for one remote domain: the settings and what follows
 * from them, the changes made so far, and the text and charset work the passes share.
 */
final class ConversionRun {
    static final Set<String> COMPOSITE_MESSAGE_TYPES = Set.of("message/rfc822", "message/global",
        "message/partial", "message/external-body");

    final RemoteDomainSettings settings;
    final ConversionScope scope;
    final int depth;
    final ConversionLimits limits;
    final HtmlToText htmlToText;
    final TransferEncodingChooser chooser;
    final HeaderRewriter headers;
    /** For {@link ConversionScope#MANDATORY}: encodes and folds, never recodes into ISO-2022-JP or renames. */
    private final HeaderRewriter plainHeaders;
    final List<String> changes = new ArrayList<>();
    private final Optional<Iso2022JpEncoder> japanese;
    /** Why the message is sent as it is (signed, encrypted, inline PGP); null when it may be converted. */
    String protectedReason;
    /** Entities read. */
    int count;
    /** Header fields with invalid names the reader dropped. */
    int invalidFields;
    /** Whether some entity has {@code MIME-Version}. */
    boolean mimeMessage;

    ConversionRun(RemoteDomainSettings settings, ConversionScope scope, int depth, ConversionLimits limits,
                  ConversionOptions options, HtmlToText htmlToText) {
        this.settings = settings;
        this.scope = scope;
        this.depth = depth;
        this.limits = limits;
        this.htmlToText = htmlToText;
        this.chooser = TransferEncodingChooser.of(settings.byteEncoderTypeFor7BitCharsets(),
            settings.wrapColumn().isPresent());
        this.japanese = settings.characterSet().filter(TextCharsets::isIso2022Jp)
            .map(c -> Iso2022JpEncoder.of(TextCharsets.variant(settings)));
        Charset eightBitFallback = settings.nonMimeCharacterSet().orElse(Charset.forName("windows-1252"));
        this.headers = new HeaderRewriter(eightBitFallback, japanese.isPresent(), options.legacyFilenames(),
            SenderNames.of(settings));
        this.plainHeaders = new HeaderRewriter(eightBitFallback, false, false);
    }

    /**
     * The field as it is written, or empty when it is sent as it is. In the mandatory scope only a field that cannot be
     * sent changes: a line over 998 octets or a NUL, or 8-bit octets for a {@code SevenBitOnly} destination.
     */
    Optional<String> rewriteHeader(MimeNode.Header header, boolean root) throws ConversionException {
        if (!mandatoryOnly()) {
            return headers.rewrite(header, root);
        }
        boolean needed = HeaderRewriter.hasMalformedParameters(header) || !repairOnly()
            && (settings.sevenBitOnly() ? !HeaderRewriter.isClean(header.raw())
            : HeaderRewriter.cannotBeSent(header.raw()));
        return needed ? plainHeaders.rewrite(header, root) : Optional.empty();
    }

    /** Whether only mandatory changes are made ({@link ConversionScope#MANDATORY} or {@link ConversionScope#REPAIR}). */
    boolean mandatoryOnly() {
        return scope != ConversionScope.FULL;
    }

    /** Whether only malformed parameter fields are repaired ({@link ConversionScope#REPAIR}). */
    boolean repairOnly() {
        return scope == ConversionScope.REPAIR;
    }

    BodyKind kindOf(MimeNode<PartPlan> node) {
        if (COMPOSITE_MESSAGE_TYPES.contains(node.mimeType()) || node.mimeType().startsWith("multipart/")) {
            return BodyKind.NON_TEXT;
        }
        return BodyKind.of(node.mimeType());
    }

    boolean isInlineText(MimeNode<PartPlan> node, BodyKind kind) {
        return (kind == BodyKind.PLAIN_TEXT || kind == BodyKind.HTML_TEXT) && !node.data().attachment;
    }

    /** Whether {@code ContentType} changes the type of this text part (or adds a text alternative to it). */
    boolean typeChange(MimeNode<PartPlan> node, BodyKind kind) {
        boolean html = kind == BodyKind.HTML_TEXT;
        boolean inAlternative = node.parent() != null && node.parent().isType("multipart/alternative");
        ContentType target = settings.contentType();
        return html && target == ContentType.MIME_TEXT
            || !html && target == ContentType.MIME_HTML
            || html && target == ContentType.MIME_HTML_TEXT && !inAlternative;
    }

    /** Plain text wrapped at {@code LineWrapSize} when set. */
    String plainOf(String text) {
        OptionalInt wrap = settings.wrapColumn();
        return wrap.isPresent() ? LineWrapper.wrap(text, wrap) : text;
    }

    ParameterEncoding.Parsed parse(String value, MimeNode<PartPlan> node) throws ConversionException {
        try {
            return ParameterEncoding.parse(value);
        } catch (EncodingException e) {
            throw new ConversionException("unreadable header at " + node.path() + ": " + e.getMessage(), e);
        }
    }

    /** {@code CharacterSet} when the text fits, else the declared charset when it fits, else UTF-8. */
    Charset outputCharset(MimeNode<PartPlan> node, String text) {
        Optional<Charset> target = settings.characterSet();
        if (target.isPresent() && fits(text, target.get())) {
            return target.get();
        }
        Optional<Charset> declared = node.data().declaredCharset.flatMap(TextCharsets::charsetFor);
        if (declared.isPresent() && !TextCharsets.isIso2022Jp(declared.get()) && fits(text, declared.get())) {
            return declared.get();
        }
        return StandardCharsets.UTF_8;
    }

    boolean fits(String text, Charset charset) {
        if (TextCharsets.isIso2022Jp(charset)) {
            return Iso2022JpEncoder.of(Iso2022JpVariant.CP50220).canEncode(text);
        }
        if (!charset.canEncode()) {
            return false;
        }
        if (StandardCharsets.UTF_8.equals(charset)) {
            return !hasLoneSurrogate(text); // what UTF-8's encoder refuses, without encoding the text once more
        }
        return charset.newEncoder().canEncode(text);
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    byte[] encode(String text, Charset charset) throws ConversionException {
        try {
            if (TextCharsets.isIso2022Jp(charset)) {
                return japanese.orElse(Iso2022JpEncoder.of(Iso2022JpVariant.CP50220)).encode(text);
            }
            CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
            // over an array, not the String: the encoders' array loop, several times faster than their char-by-char
            // loop over a CharBuffer that wraps a String
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text.toCharArray()));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException | CharsetConversionException e) {
            throw new ConversionException("cannot encode text in " + charset.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text of a decoded body: in its declared charset; undeclared, in the charset the domain assumes when the
     * text is valid in it, else UTF-8 when valid, else windows-1252 (then remembered as declared).
     */
    String decode(MimeNode<PartPlan> node, byte[] decoded) throws ConversionException {
        PartPlan plan = node.data();
        Charset charset;
        if (plan.declaredCharset.isPresent()) {
            String name = plan.declaredCharset.get();
            charset = TextCharsets.charsetFor(name).orElseThrow(() -> new ConversionException("unknown charset '"
                + name + "' in part " + node.path()));
        } else {
            Optional<Charset> assumed = mimeMessage ? settings.characterSet() : settings.nonMimeCharacterSet()
                .or(settings::characterSet);
            charset = assumed.filter(c -> TextCharsets.strictDecode(decoded, c).isPresent()).orElseGet(() ->
                TextCharsets.strictDecode(decoded, StandardCharsets.UTF_8).isPresent() ? StandardCharsets.UTF_8
                    : Charset.forName("windows-1252"));
            plan.declaredCharset = Optional.of(charset.name());
        }
        if (TextCharsets.isIso2022Jp(charset)) {
            try {
                return Iso2022JpDecoder.withMaxChars(limits.maxTextOctets()).decode(decoded);
            } catch (CharsetConversionException e) {
                throw new ConversionException("invalid ISO-2022-JP text in part " + node.path() + ": "
                    + e.getMessage(), e);
            }
        }
        return new String(decoded, charset);
    }

    static void encodeBody(InputStream in, OutputStream out, TransferEncoding encoding, boolean text)
        throws IOException, ConversionException {
        try {
            TransferEncoder.encode(in, out, encoding, text);
        } catch (EncodingException e) {
            throw new ConversionException("cannot encode body as " + encoding.token() + ": " + e.getMessage(), e);
        }
    }
}
