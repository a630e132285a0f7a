package org.bordertransport.core.ndr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bordertransport.core.fuzzing.FuzzSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the NDR detector ({@link NdrDetector}: what {@code IsNonDeliveryReport}, {@code RemoteDomainDisallows} and
 * the NDR reverse routing use to recognise bounces and find the failed recipients) and the report reader under it
 * ({@link ReportReader}). The detector's contract is that bad input never throws: no exception is allowed (the
 * stream is in memory, so not even {@link IOException}); a verdict must be consistent (an NDR has signals).
 *
 * <p>Input: the first octet chooses the envelope sender (low 2 bits: unknown, {@code ""}, {@code "<>"}, an address)
 * and the limits (bit 2: defaults or tight ones); the other octets are the message. Seeds:
 * {@code NdrDetectorFuzzTestInputs/detect/}.</p>
 */
class NdrDetectorFuzzTest {
    private static final String[] SENDERS = {null, "", "<>", "bob@example.com"};
    private static final ReportLimits TIGHT = ReportLimits.of(20, 200, 2, 4096, 512, 256);
    private static final NdrDetector DEFAULT = NdrDetector.defaults();
    private static final NdrDetector SMALL = NdrDetector.of(TIGHT, 4);
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @FuzzTest
    @Timeout(value = FuzzSupport.PER_INPUT_TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
    void detect(byte[] input) throws IOException {
        INVOCATIONS.incrementAndGet();
        if (input.length == 0 || !FuzzSupport.fits(input)) {
            return;
        }
        int selector = input[0] & 0xFF;
        byte[] message = Arrays.copyOfRange(input, 1, input.length);
        boolean tight = (selector & 4) != 0;
        NdrVerdict verdict = (tight ? SMALL : DEFAULT).detect(new ByteArrayInputStream(message), SENDERS[selector & 3]);
        assertThat(verdict).isNotNull();
        if (verdict.isNdr()) {
            assertThat(verdict.signals()).as("an NDR verdict names its signals").isNotEmpty();
        }
        assertThat(verdict.failedRecipients()).doesNotContainNull();
        ReportScan scan = ReportReader.scanMessage(new ByteArrayInputStream(message), tight ? TIGHT
            : ReportLimits.defaults());
        assertThat(scan).isNotNull();
    }

    @AfterAll
    static void everySeedWasReplayed() {
        FuzzSupport.checkReplayed(NdrDetectorFuzzTest.class, "detect", INVOCATIONS.get());
    }
}
