package org.bordertransport.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.srs.SrsTestSupport.at;
import static org.bordertransport.core.srs.SrsTestSupport.m365;
import static org.bordertransport.core.srs.SrsTestSupport.standard;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bordertransport.core.fuzzing.FuzzSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the SRS address parsers: {@link StandardSrs} ({@code SRS0=...}, {@code SRS1=...}) and {@link Microsoft365Srs}
 * (the Border forms {@code user+SRS=...@domain} and {@code bounces+SRS=...@domain}), on the same entry points as
 * {@code SrsRobustnessTest} but guided by coverage. Allowed: a result or an {@link SrsException} whose message starts
 * with its reason. And what an engine issues it must take back: when {@code forward} or {@code relay} rewrites an
 * input, {@code reverse} of the issued address must succeed (else bounces to it would be lost).
 *
 * <p>Input: UTF-8 text (malformed sequences replaced); up to the first line feed the address, after it the
 * forwarding address given to {@link Microsoft365Srs#forward}. Seeds: {@code SrsAddressFuzzTestInputs/parse/}.</p>
 */
class SrsAddressFuzzTest {
    private static final Clock TODAY = at("2026-11-23");
    private static final StandardSrs STANDARD = standard(TODAY);
    private static final Microsoft365Srs M365 = m365(TODAY);
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @FuzzTest
    @Timeout(value = FuzzSupport.PER_INPUT_TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
    void parse(byte[] input) {
        INVOCATIONS.incrementAndGet();
        if (!FuzzSupport.fits(input)) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String address = newline < 0 ? text : text.substring(0, newline);
        String forwarding = newline < 0 ? "john.work@contoso.com" : text.substring(newline + 1);

        StandardSrs.isSrsAddress(address);
        Microsoft365Srs.isSrsAddress(address);
        call(() -> STANDARD.reverse(address));
        call(() -> M365.reverse(address));
        SrsForward forward = call(() -> STANDARD.forward(address));
        if (forward != null && forward.isRewritten()) {
            assertThat(call(() -> STANDARD.reverse(forward.address()))).as("reverse of issued %s", forward.address())
                .isNotNull();
        }
        for (SrsForward issued : new SrsForward[] {call(() -> M365.forward(address, forwarding)),
            call(() -> M365.relay(address))}) {
            if (issued != null && issued.isRewritten()) {
                assertThat(call(() -> M365.reverse(issued.address()))).as("reverse of issued %s", issued.address())
                    .isNotNull();
            }
        }
    }

    /** The result, or null after an {@link SrsException}; anything else propagates. */
    private static <T> T call(Callable<T> call) {
        try {
            T result = call.call();
            assertThat(result).isNotNull();
            return result;
        } catch (SrsException e) {
            assertThat(e.getMessage()).startsWith(e.reason() + ": ");
            return null;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("unexpected checked exception " + e, e);
        }
    }

    @AfterAll
    static void everySeedWasReplayed() {
        FuzzSupport.checkReplayed(SrsAddressFuzzTest.class, "parse", INVOCATIONS.get());
    }
}
