package org.bordertransport.core.ndr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsReverse;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NdrLoopTest {
    @Nested
    class Hops {
        private List<HeaderField> received(int count) {
            List<HeaderField> header = new ArrayList<>();
            header.add(new HeaderField("Subject", "x"));
            for (int i = 0; i < count; i++) {
                header.add(new HeaderField(i % 2 == 0 ? "Received" : "RECEIVED", "from h" + i));
            }
            header.add(new HeaderField("X-Received", "not counted"));
            return header;
        }

        @Test
        void receivedFieldsShouldBeCountedInAnyCase() {
            assertThat(NdrLoop.receivedCount(received(7))).isEqualTo(7);
            assertThat(NdrLoop.receivedCount(List.of())).isZero();
        }

        @Test
        void theDefaultShouldAllowThirtyAndRefuseThirtyOne() {
            assertThat(NdrLoop.tooManyHops(received(30), NdrLoop.DEFAULT_MAX_RECEIVED)).isFalse();
            assertThat(NdrLoop.tooManyHops(received(31), NdrLoop.DEFAULT_MAX_RECEIVED)).isTrue();
            assertThat(NdrLoop.tooManyHops(3, 2)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1})
        void nonPositiveLimitShouldBeRejected(int limit) {
            assertThatThrownBy(() -> NdrLoop.tooManyHops(1, limit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxReceived must be positive, got " + limit);
        }

        @Test
        void detectorCountShouldMatch() throws IOException {
            NdrVerdict verdict = NdrDetectorTest.detect(NdrDetectorTest.sample("postfix-bounce.eml"), "");
            assertThat(NdrLoop.tooManyHops(verdict.receivedCount(), 1)).isTrue();
            assertThat(NdrLoop.tooManyHops(verdict.receivedCount(), 2)).isFalse();
        }
    }

    @Nested
    class Chains {
        private NdrLoop.Reverser<RuntimeException> table(Map<String, String> reversals) {
            return address -> Optional.ofNullable(reversals.get(address));
        }

        @Test
        void addressThatIsNotOursShouldStayAsItIs() {
            NdrLoop.SrsChain chain = NdrLoop.reverseChain("bob@example.com", table(Map.of()), 3);

            assertThat(chain.addresses()).containsExactly("bob@example.com");
            assertThat(chain.destination()).isEqualTo("bob@example.com");
            assertThat(chain.reversals()).isZero();
            assertThat(chain.isLoop()).isFalse();
        }

        @Test
        void oneReversalShouldGiveTheSender() {
            NdrLoop.SrsChain chain = NdrLoop.reverseChain("a", table(Map.of("a", "bob@example.com")), 3);

            assertThat(chain.addresses()).containsExactly("a", "bob@example.com");
            assertThat(chain.loop()).isEmpty();
            assertThat(chain.toString()).isEqualTo("SrsChain[a -> bob@example.com]");
        }

        @Test
        void threeReversalsShouldBeAllowedByDefault() {
            NdrLoop.SrsChain chain = NdrLoop.reverseChain("a", table(Map.of("a", "b", "b", "c", "c", "bob@example.com")),
                NdrLoop.DEFAULT_MAX_SRS_DEPTH);

            assertThat(chain.destination()).isEqualTo("bob@example.com");
            assertThat(chain.reversals()).isEqualTo(3);
            assertThat(chain.isLoop()).isFalse();
        }

        @Test
        void stillOursAfterTheDepthShouldBeALoop() {
            NdrLoop.SrsChain chain = NdrLoop.reverseChain("a",
                table(Map.of("a", "b", "b", "c", "c", "d", "d", "bob@example.com")), 3);

            assertThat(chain.addresses()).containsExactly("a", "b", "c", "d");
            assertThat(chain.loop()).contains("still an SRS address of ours after 3 reversals");
        }

        @Test
        void reversalBackToAnEarlierAddressShouldBeALoop() {
            NdrLoop.SrsChain chain = NdrLoop.reverseChain("a", table(Map.of("a", "B", "B", "A")), 3);

            assertThat(chain.addresses()).containsExactly("a", "B", "A");
            assertThat(chain.loop()).contains("reverses back to A");
        }

        @Test
        void selfReversalShouldBeALoop() {
            NdrLoop.SrsChain chain = NdrLoop.reverseChain("a", table(Map.of("a", "a")), 1);

            assertThat(chain.loop()).contains("reverses back to a");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 17})
        void depthOutOfRangeShouldBeRejected(int depth) {
            assertThatThrownBy(() -> NdrLoop.reverseChain("a", table(Map.of()), depth))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDepth must be from 1 to 16, got " + depth);
        }

        @Test
        void reverserExceptionShouldPropagate() {
            NdrLoop.Reverser<SrsException> refusing = address -> {
                throw new SrsException(SrsException.Reason.BAD_HASH, "forged");
            };

            assertThatThrownBy(() -> NdrLoop.reverseChain("a", refusing, 3)).isInstanceOf(SrsException.class)
                .hasMessage("BAD_HASH: forged");
        }

        @Test
        void nestedStandardSrsOfOursShouldBeFollowedWithTheRealEngine() throws SrsException {
            Clock clock = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
            StandardSrs ours = StandardSrs.builder(SrsSecrets.of("first-secret-0123456789"), "fwd.example")
                .clock(clock).build();
            String once = ours.forward("bob@example.com").address();
            NdrLoop.Reverser<RuntimeException> reverser = address -> {
                if (!StandardSrs.isSrsAddress(address)) {
                    return Optional.empty();
                }
                try {
                    return ours.reverse(address).bounceRecipient();
                } catch (SrsException e) {
                    return Optional.empty();
                }
            };

            NdrLoop.SrsChain chain = NdrLoop.reverseChain(once, reverser, 3);

            assertThat(chain.addresses()).containsExactly(once, "bob@example.com");
            assertThat(Collections.frequency(chain.addresses(), once)).isEqualTo(1);
            SrsReverse reverse = ours.reverse(once);
            assertThat(reverse.kind()).isEqualTo(SrsReverse.Kind.SRS0);
        }
    }
}
