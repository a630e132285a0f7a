package org.bordertransport.core.ndr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.bordertransport.core.io.ReadGuard;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.mail.HeaderText;

/**
 * One reading of a message for {@link NdrDetector}: the top header, the top {@code Content-Type}, the text of the
 * text parts on the way ({@link NdrText}, at most {@link ReportLimits#maxTextBytes()} octets), and, from the body, the
 * first status, feedback or disposition part at multipart depth {@value NdrDetector#MAX_PART_DEPTH} or less (a
 * status part is parsed by {@link ReportReader}). Embedded {@code message/rfc822} parts are not parsed. Malformed
 * MIME (a multipart without a single body part included) and every limit end the reading and are kept as
 * {@link #problem()}; only the stream's own {@link IOException} is thrown. What was read is judged by
 * {@link NdrEvidence}. Not thread-safe: one instance per message.
 */
final class NdrScan {
    private static final String DELIVERY_STATUS = "message/delivery-status";
    private static final String GLOBAL_DELIVERY_STATUS = "message/global-delivery-status";
    private static final String FEEDBACK_REPORT = "message/feedback-report";
    private static final String DISPOSITION = "message/disposition-notification";
    private static final String GLOBAL_DISPOSITION = "message/global-disposition-notification";
    /** Wraps a status part so that {@link ReportReader} parses it; a line of status fields never looks like this. */
    private static final String WRAPPER_BOUNDARY = "=_border-ndr-status-part_=";

    private final ReportLimits limits;
    private final int maxParts;
    private final ReadGuard in;
    private final List<HeaderField> header = new ArrayList<>();
    private List<HeaderField> reportFields = List.of();
    private String topType = "";
    private String reportType;
    private boolean statusPart;
    private boolean globalStatusPart;
    private boolean feedbackPart;
    private boolean dispositionPart;
    private String problem;
    private int parts;
    private final NdrText text = new NdrText();
    private int textOctets;
    private boolean attachment;

    NdrScan(InputStream source, ReportLimits limits, int maxParts) {
        this.limits = limits;
        this.maxParts = maxParts;
        this.in = new ReadGuard(Objects.requireNonNull(source, "input"), limits.maxBytes(),
            "more than " + limits.maxBytes() + " octets read");
    }

    void scanMessage() throws IOException {
        MimeTokenStream s = limits.tokenStream();
        guarded(() -> {
            s.parse(in);
            EntityState state = s.getState();
            for (; state != EntityState.T_END_OF_STREAM && state != EntityState.T_END_HEADER; state = s.next()) {
                if (state == EntityState.T_FIELD) {
                    Field field = s.getField();
                    header.add(new HeaderField(field.getName(), field.getBody()));
                }
            }
            if (state == EntityState.T_END_HEADER) {
                walk(s);
            }
        });
    }

    void scanBody(List<HeaderField> topHeader) throws IOException {
        header.addAll(topHeader);
        // no Content-Type: text/plain in US-ASCII (RFC 2045 section 5.2), as mime4j reads a whole message
        String contentType = topContentType().orElse("text/plain; charset=us-ascii");
        MimeTokenStream s = limits.tokenStream();
        guarded(() -> {
            s.parseHeadless(in, contentType);
            walk(s);
        });
    }

    /** Reads type and report-type of the first Content-Type; returns its unfolded value. */
    Optional<String> topContentType() {
        for (HeaderField field : header) {
            if (field.hasName("Content-Type")) {
                String value = HeaderText.unfold(field.value()).trim();
                RawBody body = RawFieldParser.DEFAULT.parseRawBody(new RawField("Content-Type", value));
                topType = body.getValue() == null ? "" : body.getValue().trim().toLowerCase(Locale.ROOT);
                for (NameValuePair parameter : body.getParams()) {
                    if ("report-type".equalsIgnoreCase(parameter.getName()) && parameter.getValue() != null) {
                        reportType = parameter.getValue().trim().toLowerCase(Locale.ROOT);
                        break;
                    }
                }
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * From the top entity's body on, until the first report part or the end of the top entity: the text of the text
     * parts on the way is read for {@link NdrText}.
     */
    private void walk(MimeTokenStream s) throws IOException, MimeException {
        int depth = 0;
        Deque<int[]> partsPerMultipart = new ArrayDeque<>();
        for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
            switch (state) {
                case T_START_MULTIPART:
                    if (++depth > limits.maxDepth()) {
                        problem = "multipart nesting deeper than " + limits.maxDepth() + " levels";
                        return;
                    }
                    partsPerMultipart.push(new int[1]);
                    break;
                case T_END_MULTIPART:
                    depth--;
                    if (!partsPerMultipart.isEmpty() && partsPerMultipart.pop()[0] == 0 && problem == null) {
                        problem = "malformed MIME: a multipart without any body part (its boundary never appears)";
                    }
                    break;
                case T_START_BODYPART:
                    if (++parts > maxParts) {
                        problem = "more than " + maxParts + " body parts";
                        return;
                    }
                    if (!partsPerMultipart.isEmpty()) {
                        partsPerMultipart.peek()[0]++;
                    }
                    attachment = false;
                    break;
                case T_FIELD:
                    if ("Content-Disposition".equalsIgnoreCase(s.getField().getName())) {
                        attachment = NdrHeaders.keyword(s.getField().getBody()).equals("attachment");
                    }
                    break;
                case T_BODY:
                    if (depth <= NdrDetector.MAX_PART_DEPTH) {
                        if (reportPart(s)) {
                            // the first report part decides
                            return;
                        }
                        readText(s);
                    }
                    if (depth == 0) {
                        // a top body that is not multipart is all there is
                        return;
                    }
                    break;
                default:
                    break;
            }
        }
    }

    /**
     * Reads a {@code text/plain} or {@code text/html} part that is not an attachment, decoded, up to
     * {@link ReportLimits#maxTextBytes()} octets of text in all.
     */
    private void readText(MimeTokenStream s) throws IOException {
        String type = s.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
        boolean html = type.equals("text/html");
        int budget = limits.maxTextBytes() - textOctets;
        if (attachment || !html && !type.equals("text/plain") || budget <= 0) {
            return;
        }
        byte[] octets = s.getDecodedInputStream().readNBytes(budget);
        textOctets += octets.length;
        text.add(NdrText.decode(octets, octets.length, s.getBodyDescriptor().getCharset()), html);
    }

    /** True when the part is a report part (and then read, for a status part). */
    private boolean reportPart(MimeTokenStream s) throws IOException {
        String type = s.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
        switch (type) {
            case DELIVERY_STATUS:
                statusPart = true;
                readStatus(s.getDecodedInputStream(), "delivery-status");
                return true;
            case GLOBAL_DELIVERY_STATUS:
                globalStatusPart = true;
                readStatus(s.getDecodedInputStream(), "global-delivery-status");
                return true;
            case FEEDBACK_REPORT:
                feedbackPart = true;
                return true;
            case DISPOSITION:
            case GLOBAL_DISPOSITION:
                dispositionPart = true;
                return true;
            default:
                return false;
        }
    }

    /** Has {@link ReportReader} parse the status part, wrapped in a one-part report of the same type. */
    private void readStatus(InputStream decoded, String reportTypeName) throws IOException {
        List<HeaderField> wrapper = List.of(new HeaderField("Content-Type", "multipart/report; report-type="
            + reportTypeName + "; boundary=\"" + WRAPPER_BOUNDARY + "\""));
        InputStream wrapped = new SequenceInputStream(Collections.enumeration(List.of(
            ascii("--" + WRAPPER_BOUNDARY + "\r\nContent-Type: message/" + reportTypeName + "\r\n\r\n"),
            decoded,
            ascii("\r\n--" + WRAPPER_BOUNDARY + "--\r\n"))));
        ReportScan scan = ReportReader.scanBody(wrapper, wrapped, limits);
        reportFields = scan.reportFields();
        scan.problem().ifPresent(p -> problem = p);
    }

    private void guarded(Step step) throws IOException {
        try {
            step.run();
        } catch (IOException | MimeException | RuntimeException e) {
            if (in.failure() != null) {
                throw in.failure();
            }
            if (e instanceof ReadGuard.LimitReached || e instanceof MimeException && e.getMessage() != null) {
                // mime4j's limits (header fields, line length) are MimeExceptions with a plain message
                problem = e.getMessage();
            } else {
                problem = "malformed MIME: " + e;
            }
        }
    }

    List<HeaderField> header() {
        return header;
    }

    List<HeaderField> reportFields() {
        return reportFields;
    }

    /** The top media type, lower case, {@code ""} when there is none (after {@link #topContentType()}). */
    String topType() {
        return topType;
    }

    /** The top {@code report-type} parameter, lower case, or null (after {@link #topContentType()}). */
    String reportType() {
        return reportType;
    }

    boolean statusPart() {
        return statusPart;
    }

    boolean globalStatusPart() {
        return globalStatusPart;
    }

    boolean feedbackPart() {
        return feedbackPart;
    }

    boolean dispositionPart() {
        return dispositionPart;
    }

    ReportLimits limits() {
        return limits;
    }

    /** The text read from the text parts. */
    NdrText text() {
        return text;
    }

    /** Why reading stopped early, or null. */
    String problem() {
        return problem;
    }

    private static InputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }


    @FunctionalInterface
    private interface Step {
        void run() throws IOException, MimeException;
    }
}
