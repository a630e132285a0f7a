package org.bordertransport.core.classify;

import java.util.Locale;
import java.util.Optional;

/** The {@code report-type}s of {@code multipart/report} (RFC 6522) that the switches care about. */
enum ReportType {
    DELIVERY_STATUS("delivery-status", "message/delivery-status", false),
    GLOBAL_DELIVERY_STATUS("global-delivery-status", "message/global-delivery-status", false),
    DISPOSITION_NOTIFICATION("disposition-notification", "message/disposition-notification", true),
    GLOBAL_DISPOSITION_NOTIFICATION("global-disposition-notification", "message/global-disposition-notification", true);

    private final String parameter;
    private final String partType;
    private final boolean disposition;

    ReportType(String parameter, String partType, boolean disposition) {
        this.parameter = parameter;
        this.partType = partType;
        this.disposition = disposition;
    }

    static Optional<ReportType> ofParameter(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ReportType type : values()) {
            if (type.parameter.equals(v)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The media type of the machine-readable part, lower case. */
    String partType() {
        return partType;
    }

    /** A read receipt (MDN) rather than a DSN: its fields are not needed to classify it. */
    boolean disposition() {
        return disposition;
    }
}
