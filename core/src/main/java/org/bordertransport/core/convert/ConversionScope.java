package org.bordertransport.core.convert;

/**
 * How much of a remote domain's settings a conversion applies.
 */
public enum ConversionScope {
    /** Every setting: content type, charset, wrapping, 7-bit transfer encodings, header encoding, display names. */
    FULL,
    /**
     * Only the changes the destination cannot do without, for a message whose third-party DKIM signature must keep
     * verifying: non-MIME text ({@code MessageFormat=Text}), bodies labelled {@code binary}, bodies with a NUL or a
     * line over 998 octets (re-encoded; an embedded message with such a line is converted inside, in this scope),
     * header fields with such a line (folded), and for a {@code SevenBitOnly} destination 8-bit bodies and header
     * values (encoded). No presentation change: no content-type or charset conversion, no wrapping, no alternative
     * added or removed, 8-bit bodies and header values left as they are elsewhere, no display-name or diagnostic
     * changes. Content-Type and Content-Disposition fields a strict reader cannot parse are rewritten in canonical
     * form ({@link #REPAIR}).
     */
    MANDATORY,
    /**
     * Only the repair of {@code Content-Type} and {@code Content-Disposition} fields that a strict reader (javax.mail,
     * which James runs on every changed message it saves) cannot parse: unquoted encoded-words, values with specials
     * and no quotes, empty parameters. Bodies are not read, whatever the settings say (non-MIME text included).
     */
    REPAIR
}
