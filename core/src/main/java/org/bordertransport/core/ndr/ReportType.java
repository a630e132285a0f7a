package org.bordertransport.core.ndr;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.bordertransport.core.mail.HeaderField;

/** The {@code report-type}s of {@code multipart/report} (RFC 6522) that the switches care about. */
public enum ReportType {
    DELIVERY_STATUS("delivery-status", "message/delivery-status", false),
    GLOBAL_DELIVERY_STATUS("global-delivery-status", "message/global-delivery-status", false),
    DISPOSITION_NOTIFICATION("disposition-notification", "message/disposition-notification", true),
    GLOBAL_DISPOSITION_NOTIFICATION("global-disposition-notification", "message/global-disposition-notification", true);

    static final String CONTENT_TYPE = "Content-Type";

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

    /**
     * The report type of a message when its top {@code Content-Type} (the first one) is {@code multipart/report}
     * with one of these {@code report-type}s; empty otherwise.
     */
    public static Optional<ReportType> of(List<HeaderField> header) {
        for (HeaderField field : header) {
            if (field.hasName(CONTENT_TYPE)) {
                RawBody body = RawFieldParser.DEFAULT.parseRawBody(new RawField(CONTENT_TYPE, unfold(field.value())));
                if (!"multipart/report".equalsIgnoreCase(body.getValue())) {
                    return Optional.empty();
                }
                for (NameValuePair parameter : body.getParams()) {
                    if ("report-type".equalsIgnoreCase(parameter.getName()) && parameter.getValue() != null) {
                        return ofParameter(parameter.getValue());
                    }
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The media type of the machine-readable part, lower case. */
    public String partType() {
        return partType;
    }

    /** A read receipt (MDN) rather than a DSN: its fields are not needed to classify it. */
    public boolean disposition() {
        return disposition;
    }

    /** Line breaks removed (folding white space kept). */
    static String unfold(String value) {
        return value.replace("\r\n", "").replace("\n", "").replace("\r", "");
    }
}
