package org.bordertransport.core.ndr;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * The limits {@link ReportReader} enforces while looking for the machine-readable part of a report. Reaching one is
 * not an error: the reader stops and says why in {@link ReportScan#problem()}, and the message is classified with
 * what was read (at worst by its top header alone).
 *
 * <p>Defaults: {@value #DEFAULT_MAX_HEADER_FIELDS} header fields per entity (and report fields),
 * {@value #DEFAULT_MAX_FIELD_OCTETS} octets per header field and per line, {@value #DEFAULT_MAX_DEPTH} levels of
 * multipart nesting, {@value #DEFAULT_MAX_BYTES} octets of message read, {@value #DEFAULT_MAX_REPORT_BYTES} octets
 * of report part, {@value #DEFAULT_MAX_TEXT_BYTES} octets of decoded text read from text parts for the bounce
 * phrases of {@link NdrDetector} (in all parts together; the rest of a longer text is skipped, not an error).</p>
 */
public final class ReportLimits {
    public static final int DEFAULT_MAX_HEADER_FIELDS = 1000;
    public static final int DEFAULT_MAX_FIELD_OCTETS = 100_000;
    public static final int DEFAULT_MAX_DEPTH = 8;
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_REPORT_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_TEXT_BYTES = 64 * 1024;

    private static final ReportLimits DEFAULTS = new ReportLimits(DEFAULT_MAX_HEADER_FIELDS, DEFAULT_MAX_FIELD_OCTETS,
        DEFAULT_MAX_DEPTH, DEFAULT_MAX_BYTES, DEFAULT_MAX_REPORT_BYTES, DEFAULT_MAX_TEXT_BYTES);

    private final int maxHeaderFields;
    private final int maxFieldOctets;
    private final int maxDepth;
    private final long maxBytes;
    private final int maxReportBytes;
    private final int maxTextBytes;

    private ReportLimits(int maxHeaderFields, int maxFieldOctets, int maxDepth, long maxBytes, int maxReportBytes,
                         int maxTextBytes) {
        this.maxHeaderFields = positive("maxHeaderFields", maxHeaderFields);
        this.maxFieldOctets = positive("maxFieldOctets", maxFieldOctets);
        this.maxDepth = positive("maxDepth", maxDepth);
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.maxReportBytes = positive("maxReportBytes", maxReportBytes);
        this.maxTextBytes = positive("maxTextBytes", maxTextBytes);
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    public static ReportLimits defaults() {
        return DEFAULTS;
    }

    /**
     * With {@value #DEFAULT_MAX_TEXT_BYTES} octets of text.
     *
     * @throws IllegalArgumentException naming the first limit that is not positive
     */
    public static ReportLimits of(int maxHeaderFields, int maxFieldOctets, int maxDepth, long maxBytes,
                                  int maxReportBytes) {
        return of(maxHeaderFields, maxFieldOctets, maxDepth, maxBytes, maxReportBytes, DEFAULT_MAX_TEXT_BYTES);
    }

    /** @throws IllegalArgumentException naming the first limit that is not positive */
    public static ReportLimits of(int maxHeaderFields, int maxFieldOctets, int maxDepth, long maxBytes,
                                  int maxReportBytes, int maxTextBytes) {
        return new ReportLimits(maxHeaderFields, maxFieldOctets, maxDepth, maxBytes, maxReportBytes, maxTextBytes);
    }

    /** Header fields read per entity; also the number of fields read from the report part. */
    public int maxHeaderFields() {
        return maxHeaderFields;
    }

    /** Octets per header field and per line while parsing. */
    public int maxFieldOctets() {
        return maxFieldOctets;
    }

    /** Levels of multipart nesting. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Octets of the message (or body) read in all. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * A lenient, non-recursing Mime4J tokenizer bounded by these limits (header fields, field and line octets), as
     * the report reader and the NDR detector read a message.
     */
    MimeTokenStream tokenStream() {
        MimeConfig config = new MimeConfig.Builder()
            .setMaxHeaderCount(maxHeaderFields)
            .setMaxHeaderLen(maxFieldOctets)
            .setMaxLineLen(maxFieldOctets)
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .build();
        MimeTokenStream stream = new MimeTokenStream(config, DecodeMonitor.SILENT, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        return stream;
    }

    /** Octets of the decoded report part read. */
    public int maxReportBytes() {
        return maxReportBytes;
    }

    /**
     * Octets of decoded text read from the text parts (before the report part) for the bounce phrases of
     * {@link NdrDetector}, in all parts together; what follows is skipped.
     */
    public int maxTextBytes() {
        return maxTextBytes;
    }

    @Override
    public String toString() {
        return "ReportLimits[maxHeaderFields=" + maxHeaderFields + ", maxFieldOctets=" + maxFieldOctets + ", maxDepth="
            + maxDepth + ", maxBytes=" + maxBytes + ", maxReportBytes=" + maxReportBytes + ", maxTextBytes="
            + maxTextBytes + "]";
    }
}
