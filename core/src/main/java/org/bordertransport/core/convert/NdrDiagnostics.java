package org.bordertransport.core.convert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.bordertransport.core.mime.MimeTreeReader;

/**
 * {@code NDRDiagnosticInfoEnabled=false}: removes from a delivery status notification (RFC 3464
 * {@code multipart/report}) what tells a remote domain about the inside of the organisation, as Exchange drops its
 * "diagnostic information for administrators":
 * <ul>
 *   <li>in {@code message/delivery-status}: {@code Diagnostic-Code}, {@code Remote-MTA}, {@code Received-From-MTA}
 *   and extension fields ({@code X-...}); the fields RFC 3464 requires ({@code Reporting-MTA},
 *   {@code Final-Recipient}, {@code Action}, {@code Status}) and the others stay;</li>
 *   <li>in the returned headers ({@code text/rfc822-headers}) or message ({@code message/rfc822},
 *   {@code message/global}): every {@code Received} field (the internal hops of the message).</li>
 * </ul>
 * Everything else, the human-readable part included, is copied byte for byte. Entities outside a
 * {@code multipart/report} are never touched.
 */
final class NdrDiagnostics {
    private static final Set<String> DIAGNOSTIC_FIELDS = Set.of("diagnostic-code", "remote-mta", "received-from-mta");
    private static final Set<String> RETURNED_TYPES = Set.of("text/rfc822-headers", "message/rfc822",
        "message/global", "message/global-headers");
    private static final byte[] CRLF = {'\r', '\n'};

    private final ConversionLimits limits;
    private int removed;

    private NdrDiagnostics(ConversionLimits limits) {
        this.limits = limits;
    }

    /** Whether the message's top-level {@code Content-Type} is {@code multipart/report} (any report type). */
    static boolean isReport(InputStream message, ConversionLimits limits) throws IOException, ConversionException {
        MimeTokenStream stream = stream(message, limits);
        try {
            for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                if (s == EntityState.T_START_MULTIPART || s == EntityState.T_BODY) {
                    return stream.getBodyDescriptor().getMimeType().equalsIgnoreCase("multipart/report");
                }
            }
        } catch (MimeException e) {
            throw new ConversionException("broken MIME structure: " + e.getMessage(), e);
        }
        return false;
    }

    /**
     * Copies {@code message} to {@code out} without the diagnostic fields and returned {@code Received} fields.
     *
     * @return the number of fields removed
     */
    static int strip(InputStream message, OutputStream out, ConversionLimits limits) throws IOException,
        ConversionException {
        NdrDiagnostics run = new NdrDiagnostics(limits);
        try {
            run.copy(stream(message, limits), out);
        } catch (MimeException e) {
            throw new ConversionException("broken MIME structure: " + e.getMessage(), e);
        }
        return run.removed;
    }

    private static MimeTokenStream stream(InputStream in, ConversionLimits limits) {
        return new MimeTreeReader(limits.mime()).open(in);
    }

    private void copy(MimeTokenStream s, OutputStream out) throws IOException, MimeException, ConversionException {
        Deque<String> boundaries = new ArrayDeque<>();
        Deque<Boolean> firstPart = new ArrayDeque<>();
        Deque<Boolean> insideReport = new ArrayDeque<>();
        insideReport.push(false);
        boolean report = false;
        int parts = 0;
        // mime4j reports a multipart's epilogue before its end: it is written after the closing delimiter
        byte[] epilogue = null;
        for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
            switch (state) {
                case T_START_BODYPART:
                    if (++parts > limits.maxParts()) {
                        throw new ConversionException("more than " + limits.maxParts() + " MIME parts");
                    }
                    out.write(Boolean.TRUE.equals(firstPart.peek()) ? new byte[0] : CRLF);
                    out.write(("--" + boundaries.peek()).getBytes(StandardCharsets.US_ASCII));
                    out.write(CRLF);
                    firstPart.pop();
                    firstPart.push(false);
                    break;
                case T_FIELD:
                    Field field = s.getField();
                    out.write(field.getRaw().toByteArray());
                    out.write(CRLF);
                    break;
                case T_END_HEADER:
                    out.write(CRLF);
                    report = insideReport.peek();
                    break;
                case T_START_MULTIPART:
                    if (boundaries.size() >= limits.maxDepth()) {
                        throw new ConversionException("MIME nesting deeper than " + limits.maxDepth() + " levels");
                    }
                    boundaries.push(s.getBodyDescriptor().getBoundary());
                    firstPart.push(true);
                    insideReport.push(insideReport.peek()
                        || s.getBodyDescriptor().getMimeType().equalsIgnoreCase("multipart/report"));
                    break;
                case T_PREAMBLE:
                    byte[] preamble = s.getInputStream().readAllBytes();
                    out.write(preamble);
                    if (preamble.length > 0) {
                        out.write(CRLF);
                    }
                    break;
                case T_END_MULTIPART:
                    out.write(CRLF);
                    out.write(("--" + boundaries.pop() + "--").getBytes(StandardCharsets.US_ASCII));
                    out.write(CRLF);
                    if (epilogue != null) {
                        int skip = epilogue.length > 1 && epilogue[0] == '\r' && epilogue[1] == '\n' ? 2
                            : epilogue.length > 0 && epilogue[0] == '\n' ? 1 : 0;
                        out.write(epilogue, skip, epilogue.length - skip);
                        epilogue = null;
                    }
                    firstPart.pop();
                    insideReport.pop();
                    break;
                case T_EPILOGUE:
                    epilogue = MimeTreeReader.readLimited(s.getInputStream(), limits.maxPreambleOctets(), "epilogue",
                        ConversionException::new);
                    break;
                case T_BODY:
                    body(s, report, out);
                    break;
                default:
                    break;
            }
        }
    }

    private void body(MimeTokenStream s, boolean report, OutputStream out) throws IOException, ConversionException {
        String type = s.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
        String encoding = s.getBodyDescriptor().getTransferEncoding().toLowerCase(Locale.ROOT);
        boolean identity = encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary");
        if (!report || !identity) {
            s.getInputStream().transferTo(out);
            return;
        }
        if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
            filterFields(s.getInputStream(), out, true, Long.MAX_VALUE);
        } else if (RETURNED_TYPES.contains(type)) {
            filterFields(s.getInputStream(), out, false, 1);
        } else {
            s.getInputStream().transferTo(out);
        }
    }

    /**
     * Copies header-like lines, dropping unwanted fields with their continuation lines, for {@code blocks} blocks of
     * fields (one blank line ends a block); the rest of the stream is copied as it is.
     */
    private void filterFields(InputStream in, OutputStream out, boolean deliveryStatus, long blocks)
        throws IOException, ConversionException {
        long block = 0;
        boolean dropping = false;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while (block < blocks && (b = in.read()) >= 0) {
            line.write(b);
            if (line.size() > limits.maxHeaderOctets()) {
                throw new ConversionException("report line over " + limits.maxHeaderOctets() + " octets");
            }
            if (b != '\n') {
                continue;
            }
            byte[] bytes = line.toByteArray();
            line.reset();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (text.trim().isEmpty()) {
                dropping = false;
                block++;
                out.write(bytes);
                continue;
            }
            if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
                if (!dropping) {
                    out.write(bytes);
                }
                continue;
            }
            int colon = text.indexOf(':');
            String name = colon > 0 ? text.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
            dropping = deliveryStatus ? DIAGNOSTIC_FIELDS.contains(name) || name.startsWith("x-")
                : name.equals("received");
            if (dropping) {
                removed++;
            } else {
                out.write(bytes);
            }
        }
        out.write(line.toByteArray());
        in.transferTo(out);
    }
}
