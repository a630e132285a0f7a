package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bordertransport.core.fuzzing.FuzzSupport;
import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.MessageFormat;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the remote-domain conversion engine ({@link MessageConverter}, what {@code ConvertForRemoteDomain} and
 * {@code bin/border convert} run). Allowed outcome: a result, or a {@link ConversionException} with a message;
 * anything else (another exception, an error, a hang past the per-input timeout) is a finding.
 *
 * <p>Input: the first octet chooses the settings ({@link #SETTINGS}, low 3 bits) and the scope (the rest, modulo
 * 3); the other octets are the message. Seeds: {@code MessageConverterFuzzTestInputs/convert/}.</p>
 */
class MessageConverterFuzzTest {
    static final List<RemoteDomainSettings> SETTINGS = List.of(
        RemoteDomainSettings.defaults(),
        RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT).build(),
        RemoteDomainSettings.builder().contentType(ContentType.MIME_HTML).lineWrapSize(OptionalInt.of(72)).build(),
        RemoteDomainSettings.builder().byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.USE_BASE64)
            .sevenBitOnly(true).build(),
        RemoteDomainSettings.builder().characterSet(Optional.of(Charset.forName("ISO-2022-JP"))).build(),
        RemoteDomainSettings.builder().messageFormat(MessageFormat.TEXT).build(),
        RemoteDomainSettings.builder().messageFormat(MessageFormat.TEXT)
            .nonMimeCharacterSet(Optional.of(Charset.forName("windows-1252"))).build(),
        RemoteDomainSettings.builder().ndrDiagnosticInfoEnabled(false).displaySenderName(false)
            .useSimpleDisplayName(true).characterSet(Optional.of(Charset.forName("UTF-8"))).build());
    private static final ConversionScope[] SCOPES = ConversionScope.values();
    private static final MessageConverter CONVERTER = MessageConverter.withDefaults();
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @FuzzTest
    @Timeout(value = FuzzSupport.PER_INPUT_TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
    void convert(byte[] input) throws IOException {
        INVOCATIONS.incrementAndGet();
        if (input.length == 0 || !FuzzSupport.fits(input)) {
            return;
        }
        int selector = input[0] & 0xFF;
        RemoteDomainSettings settings = SETTINGS.get(selector & 7);
        ConversionScope scope = SCOPES[(selector >>> 3) % SCOPES.length];
        byte[] message = Arrays.copyOfRange(input, 1, input.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ConversionResult result = CONVERTER.convert(new ByteArrayInputStream(message), out, settings, scope);
            assertThat(result).isNotNull();
        } catch (ConversionException e) {
            assertThat(e.getMessage()).as("refusal message").isNotBlank();
        }
        CONVERTER.needsRepair(new ByteArrayInputStream(message));
    }

    @AfterAll
    static void everySeedWasReplayed() {
        FuzzSupport.checkReplayed(MessageConverterFuzzTest.class, "convert", INVOCATIONS.get());
    }
}
