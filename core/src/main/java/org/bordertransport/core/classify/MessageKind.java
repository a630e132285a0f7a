package org.bordertransport.core.classify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What kind of automatic message a message is, as far as the remote-domain switches care (Exchange
 * {@code Set-RemoteDomain}: AutoReplyEnabled, AllowedOOFType, AutoForwardEnabled, DeliveryReportEnabled,
 * NDREnabled). A message can be several kinds at once (an out-of-office reply is also an automatic reply; a DSN
 * can report both delivered and failed recipients). See {@link MessageKinds} for how each is detected.
 */
public enum MessageKind {
    /** An automatic reply (RFC 3834 {@code auto-replied} and the common non-standard markers). */
    AUTO_REPLY("AutoReply"),
    /** An out-of-office (vacation) reply; always also {@link #AUTO_REPLY}. */
    OUT_OF_OFFICE("OutOfOffice"),
    /** A message forwarded automatically (a forwarding rule, not a person). */
    AUTO_FORWARD("AutoForward"),
    /** A successful delivery report (RFC 3464 delivered/relayed/expanded) or a read receipt (RFC 8098 MDN). */
    DELIVERY_REPORT("DeliveryReport"),
    /**
     * A non-delivery report (a bounce: delivery failed), as {@code NdrDetector} recognises it; not a delay notice.
     */
    NON_DELIVERY_REPORT("NonDeliveryReport");

    private final String conditionName;

    MessageKind(String conditionName) {
        this.conditionName = conditionName;
    }

    /** The spelling used in matcher conditions and logs, e.g. {@code OutOfOffice}. */
    public String conditionName() {
        return conditionName;
    }

    /** Every {@link #conditionName()}, comma separated, in declaration order. */
    public static String allowedNames() {
        return Arrays.stream(values()).map(MessageKind::conditionName).collect(Collectors.joining(", "));
    }

    /**
     * @param name a {@link #conditionName()}, any case, surrounding white space ignored
     * @throws IllegalArgumentException naming the value and listing the allowed ones
     */
    public static MessageKind parse(String name) {
        String n = name == null ? "" : name.trim();
        for (MessageKind kind : values()) {
            if (kind.conditionName.toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown message kind '" + name + "', allowed: " + allowedNames());
    }

    @Override
    public String toString() {
        return conditionName;
    }
}
