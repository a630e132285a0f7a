package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bordertransport.core.encoding.EncodingException;
import org.bordertransport.core.encoding.HeaderEncoding;
import org.bordertransport.core.tnef.MapiProperty;
import org.bordertransport.core.tnef.TnefAttribute;
import org.bordertransport.core.tnef.TnefMessage;

/**
 * The RFC 5322 header fields {@link TnefMimeWriter} writes from TNEF properties: those of an attached message
 * ({@code From}, {@code Subject}, {@code Date}, {@code Message-ID}, {@code MIME-Version}), and the {@code Subject}
 * added to a message that has none.
 */
final class AttachedMessageHeaders {
    private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x7E&&[^<>]]{1,900}@[\\x21-\\x7E&&[^<>]]{1,255}>");
    private static final Pattern ADDRESS = Pattern.compile("[\\x21-\\x7E&&[^<>()\\[\\],;:\"\\\\]]{1,64}@[A-Za-z0-9.-]{1,255}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
        Locale.US).withZone(ZoneOffset.UTC);

    private AttachedMessageHeaders() {
    }

    /** The minimal RFC 5322 header of an attached message, before its entity. */
    static void writeMessageHeaders(TnefMessage message, OutputStream out) throws IOException {
        Optional<String> from = from(message);
        if (from.isPresent()) {
            TnefMimeParts.writeLine("From: " + from.get(), out);
        }
        Optional<String> subject = message.subject().map(s -> s.trim()).filter(s -> !s.isEmpty());
        if (subject.isPresent()) {
            Optional<String> encoded = subjectValue(subject.get());
            if (encoded.isPresent()) {
                TnefMimeParts.writeLine("Subject: " + encoded.get(), out);
            }
        }
        Optional<Instant> date = message.properties().get(TnefMimeWriter.PR_CLIENT_SUBMIT_TIME)
            .flatMap(MapiProperty::timeValue);
        if (date.isEmpty()) {
            date = message.attribute(TnefAttribute.ATT_DATE_SENT).flatMap(TnefAttribute::dateValue)
                .map(d -> d.toInstant(ZoneOffset.UTC));
        }
        if (date.isPresent()) {
            TnefMimeParts.writeLine("Date: " + DATE.format(date.get()), out);
        }
        Optional<String> id = message.properties().string(TnefMimeWriter.PR_INTERNET_MESSAGE_ID).map(String::trim)
            .filter(i -> MESSAGE_ID.matcher(i).matches());
        if (id.isPresent()) {
            TnefMimeParts.writeLine("Message-ID: " + id.get(), out);
        }
        TnefMimeParts.writeLine("MIME-Version: 1.0", out);
    }

    /** A Subject value, RFC 2047-encoded and folded; empty when it cannot be encoded. */
    static Optional<String> subjectValue(String subject) {
        try {
            return Optional.of(HeaderEncoding.encodeUnstructured("Subject", TnefMimeParts.clean(subject, 998),
                StandardCharsets.UTF_8, HeaderEncoding.WordEncoding.SHORTEST));
        } catch (EncodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> from(TnefMessage message) {
        Optional<String> address = message.properties().string(TnefMimeWriter.PR_SENDER_SMTP_ADDRESS).map(String::trim)
            .filter(a -> ADDRESS.matcher(a).matches());
        if (address.isEmpty()) {
            address = message.properties().string(TnefMimeWriter.PR_SENDER_EMAIL_ADDRESS).map(String::trim)
                .filter(a -> ADDRESS.matcher(a).matches());
        }
        if (address.isEmpty()) {
            return Optional.empty();
        }
        String name = message.properties().string(TnefMimeWriter.PR_SENDER_NAME)
            .map(n -> TnefMimeParts.clean(n, 200).trim()).orElse("");
        try {
            return Optional.of(TnefMimeParts.fold("From", HeaderEncoding.encodeMailbox(
                name.equals(address.get()) ? "" : name,
                address.get(), StandardCharsets.UTF_8, HeaderEncoding.WordEncoding.SHORTEST)));
        } catch (TnefConversionException | EncodingException e) {
            return Optional.empty();
        }
    }
}
