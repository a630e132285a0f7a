package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bordertransport.core.fuzzing.FuzzSupport;
import org.bordertransport.core.tnef.TnefAttachment;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReadOptions;
import org.bordertransport.core.tnef.TnefReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the TNEF reader ({@link TnefReader}) and the TNEF-to-MIME converter ({@link TnefMimeConverter}, what
 * {@code bin/border tnef to-mime} and the TNEF mailets run) with raw TNEF octets (a {@code winmail.dat}).
 *
 * <p>Each input is read by the reader (every attachment, its name, content and embedded message, and the text
 * body, as {@code TnefRobustnessTest} does), then converted inside a message as a base64 {@code application/ms-tnef}
 * part, once kept as attachments and once stripped. Allowed: a result, a {@link TnefException} (reader) or a
 * {@link TnefConversionException} (converter), each with a message; anything else is a finding. Seeds:
 * {@code TnefMimeFuzzTestInputs/toMime/}, raw TNEF files.</p>
 */
class TnefMimeFuzzTest {
    private static final TnefMimeConverter CONVERTER = TnefMimeConverter.withDefaults();
    private static final TnefMimeConverter KEEP_RTF = TnefMimeConverter.of(TnefMimeOptions.builder().keepRtf(true).build());
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @FuzzTest
    @Timeout(value = FuzzSupport.PER_INPUT_TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
    void toMime(byte[] tnef) throws IOException {
        INVOCATIONS.incrementAndGet();
        if (!FuzzSupport.fits(tnef)) {
            return;
        }
        read(tnef);
        byte[] message = wrap(tnef);
        convert(message, false, (tnef.length & 1) == 0 ? CONVERTER : KEEP_RTF);
        convert(message, true, CONVERTER);
    }

    private static void read(byte[] tnef) throws IOException {
        try (TnefMessage message = TnefReader.read(new ByteArrayInputStream(tnef), TnefReadOptions.defaults())) {
            walk(message, 0);
        } catch (TnefException e) {
            assertThat(e.getMessage()).as("refusal message").isNotBlank();
            assertThat(e.reason()).isNotNull();
        }
    }

    private static void walk(TnefMessage message, int depth) throws IOException {
        message.textBody();
        message.subject();
        for (TnefAttachment a : message.attachments()) {
            a.name();
            if (a.content().isPresent()) {
                a.content().get().toByteArray();
            }
            if (depth < 4 && a.embeddedMessage().isPresent()) {
                walk(a.embeddedMessage().get(), depth + 1);
            }
        }
    }

    private static void convert(byte[] message, boolean strip, TnefMimeConverter converter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TnefConversionResult result = strip ? converter.strip(new ByteArrayInputStream(message), out)
                : converter.convert(new ByteArrayInputStream(message), out);
            assertThat(result).isNotNull();
        } catch (TnefConversionException e) {
            assertThat(e.getMessage()).as("refusal message").isNotBlank();
            assertThat(out.size()).as("nothing written on refusal").isZero();
        }
    }

    static byte[] wrap(byte[] tnef) {
        String head = "From: a@example.com\r\nTo: b@example.net\r\nSubject: fuzz\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\ntext\r\n"
            + "--b\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n";
        String body = Base64.getMimeEncoder().encodeToString(tnef);
        return (head + body + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @AfterAll
    static void everySeedWasReplayed() {
        FuzzSupport.checkReplayed(TnefMimeFuzzTest.class, "toMime", INVOCATIONS.get());
    }
}
