package org.bordertransport.core.encoding;

import java.util.Objects;

/**
 * Decides the {@code Content-Transfer-Encoding} a leaf body part leaves with, so that a message for a domain that
 * needs it is 7-bit clean (the "7-bit downgrade"). One chooser per remote-domain policy: it holds the domain's
 * {@link TransferEncodingPreference} (its {@code ByteEncoderTypeFor7BitCharsets}) and whether its plain text is
 * line-wrapped.
 *
 * <p>Input: the part's {@link BodyKind}, its declared encoding, and a {@link ContentScan} of its <em>decoded</em>
 * content (for {@link TransferEncoding#UNKNOWN}, which cannot be decoded, of its raw content). The first matching
 * row decides:</p>
 * <table>
 *   <caption>Decision table</caption>
 *   <tr><th>#</th><th>declared</th><th>kind</th><th>content</th><th>result</th></tr>
 *   <tr><td>1</td><td>unknown</td><td>any</td><td>7-bit safe as binary data</td>
 *       <td>unchanged (sent as it is, label kept)</td></tr>
 *   <tr><td>2</td><td>unknown</td><td>any</td><td>otherwise</td>
 *       <td>base64 of the raw octets, to be labelled {@code application/octet-stream} (RFC 2049, rule 2)</td></tr>
 *   <tr><td>3</td><td>binary</td><td>any</td><td>any</td><td>base64</td></tr>
 *   <tr><td>4</td><td>7bit</td><td>non-text</td><td>7-bit safe as binary data</td><td>7bit, unchanged</td></tr>
 *   <tr><td>5</td><td>quoted-printable or base64</td><td>non-text</td><td>any</td><td>as declared (re-encoded)</td></tr>
 *   <tr><td>6</td><td>7bit (mislabelled) or 8bit</td><td>non-text</td><td>any</td><td>base64</td></tr>
 *   <tr><td>7</td><td>7bit, 8bit, QP, base64</td><td>text/html</td><td>any</td>
 *       <td>{@link TransferEncodingPreference#htmlEncoding()}, see row 10</td></tr>
 *   <tr><td>8</td><td>7bit, 8bit, QP, base64</td><td>text/plain</td><td>any</td>
 *       <td>{@link TransferEncodingPreference#plainTextEncoding(boolean)}, see row 10</td></tr>
 *   <tr><td>9</td><td>7bit, 8bit, QP, base64</td><td>other text</td><td>any</td><td>7bit, see row 10</td></tr>
 *   <tr><td>10</td><td colspan="3">7bit wanted by rows 7-9 but the content has 8-bit octets, NUL or a line over
 *       998 octets</td><td>{@link TransferEncodingPreference#fallback()} (QP or base64)</td></tr>
 * </table>
 * <p>Text is canonicalised (line ends to CRLF) by {@link TransferEncoder}, so bare CR/LF do not prevent 7bit for text;
 * a text part keeps 7bit "unchanged" only when it was declared 7bit and already had CRLF line ends. Hence 8bit text
 * goes QP or base64 per the preference, binary always goes base64, and no line over 998 octets is sent raw.</p>
 */
public final class TransferEncodingChooser {
    private final TransferEncodingPreference preference;
    private final boolean plainTextWrapped;

    private TransferEncodingChooser(TransferEncodingPreference preference, boolean plainTextWrapped) {
        this.preference = Objects.requireNonNull(preference, "preference");
        this.plainTextWrapped = plainTextWrapped;
    }

    /**
     * @param preference the domain's ByteEncoderTypeFor7BitCharsets (policy)
     * @param plainTextWrapped whether the domain's LineWrapSize wraps plain text (anything but Unlimited)
     */
    public static TransferEncodingChooser of(TransferEncodingPreference preference, boolean plainTextWrapped) {
        return new TransferEncodingChooser(preference, plainTextWrapped);
    }

    public Decision choose(BodyKind kind, TransferEncoding declared, ContentScan scan) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(scan, "scan");
        if (declared == TransferEncoding.UNKNOWN) {
            if (scan.isSevenBitSafe(false)) {
                return new Decision(TransferEncoding.UNKNOWN, true, false,
                    "unknown transfer encoding, content 7-bit clean: sent unchanged");
            }
            return new Decision(TransferEncoding.BASE64, false, true,
                "unknown transfer encoding with " + scan.describe(false) + ": base64 as application/octet-stream");
        }
        if (declared == TransferEncoding.BINARY) {
            return new Decision(TransferEncoding.BASE64, false, false, "binary: base64");
        }
        if (!kind.isText()) {
            if (declared == TransferEncoding.SEVEN_BIT && scan.isSevenBitSafe(false)) {
                return new Decision(TransferEncoding.SEVEN_BIT, true, false, "7bit data, 7-bit clean: unchanged");
            }
            if (declared.isSevenBitEncoding()) {
                return new Decision(declared, false, false, "non-text " + declared.token() + ": kept");
            }
            return new Decision(TransferEncoding.BASE64, false, false,
                "non-text " + declared.token() + " with " + scan.describe(false) + ": base64");
        }
        TransferEncoding wanted;
        if (kind == BodyKind.HTML_TEXT) {
            wanted = preference.htmlEncoding();
        } else if (kind == BodyKind.PLAIN_TEXT) {
            wanted = preference.plainTextEncoding(plainTextWrapped);
        } else {
            wanted = TransferEncoding.SEVEN_BIT;
        }
        if (wanted != TransferEncoding.SEVEN_BIT) {
            return new Decision(wanted, false, false, preference + ": " + wanted.token());
        }
        if (scan.isSevenBitSafe(true)) {
            boolean unchanged = declared == TransferEncoding.SEVEN_BIT && !scan.hasBareCr() && !scan.hasBareLf();
            return new Decision(TransferEncoding.SEVEN_BIT, unchanged, false, preference + ": 7bit, text 7-bit clean");
        }
        return new Decision(preference.fallback(), false, false,
            preference + ": 7bit wanted but text has " + scan.describe(true) + ": " + preference.fallback().token());
    }

    /** The outcome for one body part. */
    public static final class Decision {
        private final TransferEncoding encoding;
        private final boolean unchanged;
        private final boolean octetStream;
        private final String reason;

        Decision(TransferEncoding encoding, boolean unchanged, boolean octetStream, String reason) {
            this.encoding = encoding;
            this.unchanged = unchanged;
            this.octetStream = octetStream;
            this.reason = reason;
        }

        /**
         * {@link TransferEncoding#SEVEN_BIT}, {@link TransferEncoding#QUOTED_PRINTABLE} or
         * {@link TransferEncoding#BASE64}; {@link TransferEncoding#UNKNOWN} only when {@link #unchanged()}.
         */
        public TransferEncoding encoding() {
            return encoding;
        }

        /** The part (header and encoded body) may be copied byte for byte: it already complies. */
        public boolean unchanged() {
            return unchanged;
        }

        /** The part had an unknown encoding: base64 its raw octets and label it {@code application/octet-stream}. */
        public boolean treatAsOctetStream() {
            return octetStream;
        }

        /** A short explanation for logs. */
        public String reason() {
            return reason;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Decision)) {
                return false;
            }
            Decision other = (Decision) o;
            return encoding == other.encoding && unchanged == other.unchanged && octetStream == other.octetStream
                && reason.equals(other.reason);
        }

        @Override
        public int hashCode() {
            return Objects.hash(encoding, unchanged, octetStream, reason);
        }

        @Override
        public String toString() {
            return "Decision{" + encoding + (unchanged ? ", unchanged" : "") + (octetStream ? ", octet-stream" : "")
                + ": " + reason + "}";
        }
    }
}
