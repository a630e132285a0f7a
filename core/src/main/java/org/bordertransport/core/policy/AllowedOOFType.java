package org.bordertransport.core.policy;

/**
 * Exchange {@code AllowedOOFType}: which automatic replies (out-of-office, vacation) may be sent to recipients in the
 * remote domain. A reply is designated external (written for people outside the organisation), internal, or not
 * designated (legacy clients, RFC 3834 vacation responders): see {@link #allows(Designation)}.
 */
public enum AllowedOOFType implements ExchangeNamed {
    /** Only replies designated external. The default. */
    EXTERNAL("External"),
    /** Replies designated external, and replies not designated either way. */
    EXTERNAL_LEGACY("ExternalLegacy"),
    /** Replies designated internal, and replies not designated either way. */
    INTERNAL_LEGACY("InternalLegacy"),
    /** No automatic replies. */
    NONE("None");

    public static final String SETTING = "AllowedOOFType";

    /** Who an automatic reply was written for. */
    public enum Designation {
        EXTERNAL,
        INTERNAL,
        /** Neither: a legacy client or a vacation responder that does not say. */
        UNDESIGNATED
    }

    private final String exchangeName;

    AllowedOOFType(String exchangeName) {
        this.exchangeName = exchangeName;
    }

    @Override
    public String exchangeName() {
        return exchangeName;
    }

    /** Whether an automatic reply with this designation may go to the remote domain. */
    public boolean allows(Designation designation) {
        switch (this) {
            case EXTERNAL:
                return designation == Designation.EXTERNAL;
            case EXTERNAL_LEGACY:
                return designation == Designation.EXTERNAL || designation == Designation.UNDESIGNATED;
            case INTERNAL_LEGACY:
                return designation == Designation.INTERNAL || designation == Designation.UNDESIGNATED;
            default:
                return false;
        }
    }

    /**
     * @param value {@code External}, {@code ExternalLegacy}, {@code InternalLegacy} or {@code None}, any case
     * @throws IllegalArgumentException naming the value and listing the allowed ones
     */
    public static AllowedOOFType parse(String value) {
        return SettingValues.parseEnum(SETTING, values(), value);
    }

    @Override
    public String toString() {
        return exchangeName;
    }
}
