package org.bordertransport.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.srs.SrsTestSupport.at;
import static org.bordertransport.core.srs.SrsTestSupport.m365;
import static org.bordertransport.core.srs.SrsTestSupport.standard;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Seeded random input: every engine call ends in a result or an SrsException, never another exception. */
class SrsRobustnessTest {
    private static final Clock TODAY = at("2026-11-23");
    private static final String[] PIECES = {"SRS0", "SRS1", "srs0", "SRS0=", "SRS1=", "SRS0+", "SRS1-", "+SRS=", "+srs=",
        "bounces", "=", "==", "@", "\"", "\\", ".", "..", "JM", "77", "aa", "hvbe", "btdbd6u3", "example.com",
        "xn--bcher-kva", "ü", "\u0000", "\r\n", " ", "[", "]", "-", "_", "+", "/", "x", "A", "9", "%", "<>", "é", "\uD800"};

    private static String randomString(Random random) {
        StringBuilder out = new StringBuilder();
        int parts = random.nextInt(random.nextInt(10) == 0 ? 300 : 14);
        for (int i = 0; i < parts; i++) {
            if (random.nextInt(4) == 0) {
                out.append((char) random.nextInt(random.nextBoolean() ? 128 : 0x3000));
            } else {
                out.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return out.toString();
    }

    /** A mutation of a genuine address: most inputs then get past the syntax checks. */
    private static String mutate(Random random, String address) {
        StringBuilder out = new StringBuilder(address);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0:
                    out.deleteCharAt(at);
                    break;
                case 1:
                    out.insert(at, PIECES[random.nextInt(PIECES.length)]);
                    break;
                case 2:
                    out.setCharAt(at, (char) (33 + random.nextInt(94)));
                    break;
                default:
                    out.setCharAt(at, Character.isUpperCase(out.charAt(at))
                        ? Character.toLowerCase(out.charAt(at)) : Character.toUpperCase(out.charAt(at)));
            }
        }
        return out.toString();
    }

    @Test
    void randomInputShouldOnlyEverGiveResultsOrSrsExceptions() throws SrsException {
        StandardSrs standard = standard(TODAY);
        Microsoft365Srs m365 = m365(TODAY);
        String[] genuine = {standard.forward("bob@example.com").address(),
            standard.forward("SRS0=AbC+=XY=example.com=bob@first.example").address(),
            m365.forward("bob@fabrikam.com", "john.work@contoso.com").address(), m365.relay("bob@fabrikam.com").address(),
            m365.forward("\"a b\"@fabrikam.com", "john.work@contoso.com").address()};
        Random random = new Random(20261123);
        int[] outcomes = new int[2];
        for (int i = 0; i < 20_000; i++) {
            String input = random.nextBoolean() ? randomString(random) : mutate(random, genuine[random.nextInt(genuine.length)]);
            String other = random.nextInt(3) == 0 ? randomString(random) : "john.work@contoso.com";
            outcomes[call(() -> standard.forward(input))]++;
            outcomes[call(() -> standard.reverse(input))]++;
            outcomes[call(() -> m365.forward(input, other))]++;
            outcomes[call(() -> m365.relay(input))]++;
            outcomes[call(() -> m365.reverse(input))]++;
            StandardSrs.isSrsAddress(input);
            Microsoft365Srs.isSrsAddress(input);
        }
        assertThat(outcomes[0]).as("results").isGreaterThan(4_000);
        assertThat(outcomes[1]).as("SrsExceptions").isGreaterThan(4_000);
    }

    private static int call(Callable<?> call) {
        try {
            assertThat(call.call()).isNotNull();
            return 0;
        } catch (SrsException e) {
            assertThat(e.getMessage()).startsWith(e.reason() + ": ");
            assertThat(e.getStackTrace()).isEmpty();
            return 1;
        } catch (Exception e) {
            throw new AssertionError("unchecked " + e, e);
        }
    }

    @Test
    void enginesShouldBeSafeToShareBetweenThreads() throws Exception {
        StandardSrs standard = standard(TODAY, SrsTestSupport.SECRET, SrsTestSupport.OLD_SECRET);
        Microsoft365Srs m365 = m365(TODAY, SrsTestSupport.SECRET, SrsTestSupport.OLD_SECRET);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 5_000; i++) {
                        String sender = "user" + thread + "x" + i + "@example.com";
                        assertThat(standard.reverse(standard.forward(sender).address()).bounceRecipient()).contains(sender);
                        assertThat(m365.reverse(m365.forward(sender, "fwd@contoso.com").address()).bounceRecipient()).contains(sender);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> future : futures) {
                assertThat(future.get()).isEqualTo(5_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
