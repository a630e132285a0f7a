package org.bordertransport.core.ndr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.bordertransport.core.io.ReadGuard;
import org.bordertransport.core.mail.HeaderField;

/**
 * Reads, streaming with mime4j's {@link MimeTokenStream}, what the remote-domain switches need to tell a delivery
 * report ({@code classify.MessageKinds}) and {@link NdrDetector} needs of a status part: the top header and, when it
 * says {@code multipart/report; report-type=delivery-status} (or {@code global-delivery-status}), the fields
 * of the first {@code message/(global-)delivery-status} part that is a direct child of the report. Reading stops
 * there: the returned original message after it is never read. Embedded {@code message/rfc822} parts are not parsed.
 *
 * <p>Malformed MIME, a missing report part and every {@link ReportLimits limit} end the reading without an
 * exception: {@link ReportScan#problem()} says why, and the fields read so far are kept (at worst the message is
 * classified by its top header). The only exception is the {@link IOException} of the stream itself.</p>
 */
public final class ReportReader {
    private ReportReader() {
    }

    /**
     * @param message a whole message (header and body), read at most up to {@link ReportLimits#maxBytes()}; not
     *     closed
     * @throws IOException only when {@code message} itself fails to read
     */
    public static ReportScan scanMessage(InputStream message, ReportLimits limits) throws IOException {
        return new Run(message, limits).scanMessage();
    }

    /**
     * For a message whose header was already parsed elsewhere (a JavaMail {@code MimeMessage}): reads the body only
     * when the header makes it a delivery-status report.
     *
     * @param header the message's top header fields
     * @param body the message body, without the header, as sent (not decoded); not closed
     * @throws IOException only when {@code body} itself fails to read
     */
    public static ReportScan scanBody(List<HeaderField> header, InputStream body, ReportLimits limits)
        throws IOException {
        Objects.requireNonNull(header, "header");
        return new Run(body, limits).scanBody(header);
    }

    /** One reading. */
    private static final class Run {
        private final ReadGuard in;
        private final ReportLimits limits;
        private final List<HeaderField> header = new ArrayList<>();
        private final List<HeaderField> report = new ArrayList<>();
        private String problem;

        Run(InputStream source, ReportLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            this.in = new ReadGuard(Objects.requireNonNull(source, "input"), limits.maxBytes(),
                "more than " + limits.maxBytes() + " octets read before the report part");
        }

        ReportScan scanMessage() throws IOException {
            MimeTokenStream s = limits.tokenStream();
            s.parse(in);
            guarded(() -> {
                for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
                    // M_NO_RECURSE and the return below: every field before the first end of header is the top's
                    if (state == EntityState.T_FIELD) {
                        Field field = s.getField();
                        header.add(new HeaderField(field.getName(), field.getBody()));
                    } else if (state == EntityState.T_END_HEADER) {
                        Optional<ReportType> type = ReportType.of(header);
                        if (type.isEmpty() || type.get().disposition()) {
                            return;
                        }
                        findReport(s, type.get());
                        return;
                    }
                }
            });
            return result();
        }

        ReportScan scanBody(List<HeaderField> topHeader) throws IOException {
            header.addAll(topHeader);
            Optional<ReportType> type = ReportType.of(header);
            if (type.isEmpty() || type.get().disposition()) {
                return result();
            }
            String contentType = topHeader.stream().filter(f -> f.hasName(ReportType.CONTENT_TYPE)).findFirst()
                .map(f -> ReportType.unfold(f.value()).trim()).orElseThrow();
            MimeTokenStream s = limits.tokenStream();
            guarded(() -> {
                s.parseHeadless(in, contentType);
                findReport(s, type.get());
            });
            return result();
        }

        /** From the top entity's body on: the report part, as a direct child of the top multipart. */
        private void findReport(MimeTokenStream s, ReportType type) throws IOException, MimeException {
            int depth = 0;
            for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
                switch (state) {
                    case T_START_MULTIPART:
                        if (++depth > limits.maxDepth()) {
                            problem = "multipart nesting deeper than " + limits.maxDepth() + " levels";
                            return;
                        }
                        break;
                    case T_END_MULTIPART:
                        depth--;
                        break;
                    case T_BODY:
                        if (depth == 1 && type.partType().equalsIgnoreCase(s.getBodyDescriptor().getMimeType())) {
                            readFields(s.getDecodedInputStream());
                            return;
                        }
                        break;
                    default:
                        break;
                }
            }
            problem = "no " + type.partType() + " part";
        }

        /**
         * RFC 3464 section 2.1: groups of header-like fields separated by blank lines; groups are not kept apart. A
         * line that is neither a field (a name of printable US-ASCII, a colon) nor a continuation is skipped; a part
         * with text but not a single field is malformed ({@link ReportScan#problem()}).
         */
        private void readFields(InputStream part) throws IOException {
            byte[] bytes = part.readNBytes(limits.maxReportBytes() + 1);
            int length = bytes.length;
            if (length > limits.maxReportBytes()) {
                length = limits.maxReportBytes();
                problem = "report part longer than " + limits.maxReportBytes() + " octets; the first "
                    + limits.maxReportBytes() + " read";
            }
            String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
            String name = null;
            StringBuilder value = new StringBuilder();
            int skipped = 0;
            for (String line : text.split("\r\n|\n|\r", -1)) {
                boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
                if (continuation && name != null) {
                    value.append(' ').append(line.trim());
                    continue;
                }
                if (name != null && !add(name, value.toString())) {
                    return;
                }
                name = null;
                int colon = line.indexOf(':');
                if (colon > 0 && !continuation && isFieldName(line.substring(0, colon).trim())) {
                    name = line.substring(0, colon).trim();
                    value.setLength(0);
                    value.append(line.substring(colon + 1).trim());
                } else if (!line.isBlank()) {
                    skipped++;
                }
            }
            if (name != null) {
                add(name, value.toString());
            }
            if (report.isEmpty() && skipped > 0 && problem == null) {
                problem = "malformed report part: not a single field in " + skipped + " lines of text";
            }
        }

        private static boolean isFieldName(String name) {
            if (name.isEmpty()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c > '~') {
                    return false;
                }
            }
            return true;
        }

        private boolean add(String name, String value) {
            if (report.size() >= limits.maxHeaderFields()) {
                problem = "report part has more than " + limits.maxHeaderFields() + " fields; the first "
                    + limits.maxHeaderFields() + " read";
                return false;
            }
            if (!name.isEmpty()) {
                report.add(new HeaderField(name, value));
            }
            return true;
        }

        private void guarded(Step step) throws IOException {
            try {
                step.run();
            } catch (IOException | MimeException | RuntimeException e) {
                if (in.failure() != null) {
                    throw in.failure();
                }
                if (e instanceof ReadGuard.LimitReached) {
                    problem = e.getMessage();
                } else {
                    problem = "malformed MIME: " + e;
                }
            }
        }

        private ReportScan result() {
            return ReportScan.of(header, report, Optional.ofNullable(problem));
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException, MimeException;
    }
}
