package org.bordertransport.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.srs.SrsTestSupport.OLD_SECRET;
import static org.bordertransport.core.srs.SrsTestSupport.OTHER_SECRET;
import static org.bordertransport.core.srs.SrsTestSupport.SECRET;
import static org.bordertransport.core.srs.SrsTestSupport.at;
import static org.bordertransport.core.srs.SrsTestSupport.atEpochDay;
import static org.bordertransport.core.srs.SrsTestSupport.standard;

import java.time.Clock;
import java.util.Locale;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardSrsTest {
    private static final Clock TODAY = at("2026-11-23");
    private final StandardSrs srs = standard(TODAY);

    private static String forward(StandardSrs srs, String sender) throws SrsException {
        return srs.forward(sender).address();
    }

    private static String reverse(StandardSrs srs, String address) throws SrsException {
        return srs.reverse(address).bounceRecipient().orElseThrow();
    }

    @Nested
    class Forward {
        @Test
        void shouldWriteSrs0WithTheDocumentedHash() throws SrsException {
            SrsForward result = srs.forward("bob@example.com");
            assertThat(result.outcome()).isEqualTo(SrsForward.Outcome.SRS0);
            assertThat(result.isRewritten()).isTrue();
            // checked with Python: base64url(HMAC-SHA1("first-secret-0123456789", "jmexample.combob"))[:4] == "hvbe";
            // 2026-11-23 is epoch day 20780, 20780 mod 1024 = 300 = 9 * 32 + 12 = "JM"
            assertThat(result.address()).isEqualTo("SRS0=hvbe=JM=example.com=bob@forward.example");
        }

        @Test
        void shouldKeepTheCaseOfTheSenderAndHashItLowerCased() throws SrsException {
            String upper = forward(srs, "Bob@Example.COM");
            String lower = forward(srs, "bob@example.com");
            assertThat(upper).endsWith("=JM=Example.COM=Bob@forward.example");
            assertThat(upper.substring(0, 9)).isEqualTo(lower.substring(0, 9));
        }

        @Test
        void shouldHonourSeparatorAndHashLength() throws SrsException {
            StandardSrs custom = StandardSrs.builder(SrsSecrets.of(SECRET), "forward.example").clock(TODAY)
                .separator('+').hashLength(10).build();
            String address = forward(custom, "bob@example.com");
            assertThat(address).matches("SRS0\\+[A-Za-z0-9_-]{10}=JM=example\\.com=bob@forward\\.example");
            assertThat(address.substring(5, 9)).isEqualTo(forward(srs, "bob@example.com").substring(5, 9));
            assertThat(reverse(custom, address)).isEqualTo("bob@example.com");
        }

        @Test
        void shouldRefuseASenderWhoseSrsAddressReverseWouldRefuse() throws SrsException {
            // found by SrsAddressFuzzTest (crash-277d0b2a...): a 989-character sender gave a 1005-character address
            String near = "x".repeat(900) + "@example.com";
            assertThat(srs.reverse(forward(srs, near)).bounceRecipient()).contains(near);
            String sender = "x".repeat(960) + "@example.com";
            assertThatThrownBy(() -> srs.forward(sender)).isInstanceOf(SrsException.class)
                .hasMessageStartingWith("MALFORMED: sender of 972 characters gives an SRS address of")
                .hasMessageEndingWith("characters, at most 1000 are allowed");
        }

        @Test
        void shouldTurnAnotherForwardersSrs0IntoSrs1() throws SrsException {
            SrsForward result = srs.forward("SRS0=AbC+=XY=example.com=bob@first.example");
            assertThat(result.outcome()).isEqualTo(SrsForward.Outcome.SRS1);
            assertThat(result.address()).matches("SRS1=[A-Za-z0-9_-]{4}=first\\.example==AbC\\+=XY=example\\.com=bob@forward\\.example");
        }

        @Test
        void shouldKeepTheFirstForwarderWhenReforwardingSrs1() throws SrsException {
            String srs1 = forward(srs, "SRS0=AbC+=XY=example.com=bob@first.example");
            StandardSrs third = StandardSrs.builder(SrsSecrets.of(OTHER_SECRET), "third.example").clock(TODAY).build();
            SrsForward again = third.forward(srs1);
            assertThat(again.outcome()).isEqualTo(SrsForward.Outcome.SRS1);
            assertThat(again.address()).matches("SRS1=[A-Za-z0-9_-]{4}=first\\.example==AbC\\+=XY=example\\.com=bob@third\\.example");
            assertThat(reverse(third, again.address())).isEqualTo("SRS0=AbC+=XY=example.com=bob@first.example");
        }

        @Test
        void shouldNotRewriteItsOwnAddressesTheNullSenderOrItsDomain() throws SrsException {
            String srs0 = forward(srs, "bob@example.com");
            assertThat(srs.forward(srs0)).isEqualTo(new SrsForward(SrsForward.Outcome.ALREADY_REWRITTEN, srs0));
            String srs1 = forward(srs, "SRS0=AbC+=XY=example.com=bob@first.example");
            assertThat(srs.forward(srs1).outcome()).isEqualTo(SrsForward.Outcome.ALREADY_REWRITTEN);
            assertThat(srs.forward("")).isEqualTo(new SrsForward(SrsForward.Outcome.NULL_SENDER, ""));
            assertThat(srs.forward("<>")).isEqualTo(new SrsForward(SrsForward.Outcome.NULL_SENDER, "<>"));
            assertThat(srs.forward("alice@Forward.Example")).isEqualTo(
                new SrsForward(SrsForward.Outcome.SAME_DOMAIN, "alice@Forward.Example"));
            assertThat(srs.forward("alice@Forward.Example").isRewritten()).isFalse();
        }

        @Test
        void shouldTreatItsOwnExpiredSrs0LikePostsrsd() throws SrsException {
            String old = forward(standard(at("2026-10-01")), "bob@example.com");
            assertThat(srs.forward(old).outcome()).as("at our own domain").isEqualTo(SrsForward.Outcome.SAME_DOMAIN);
            StandardSrs renamed = StandardSrs.builder(SrsSecrets.of(SECRET), "new.example").clock(TODAY).build();
            assertThat(renamed.forward(old).outcome()).as("expired: no longer ours").isEqualTo(SrsForward.Outcome.SRS1);
            String fresh = forward(srs, "bob@example.com");
            assertThat(renamed.forward(fresh).outcome()).as("verifies under our secret")
                .isEqualTo(SrsForward.Outcome.ALREADY_REWRITTEN);
        }

        @Test
        void shouldQuoteWhatNeedsQuotesAndReverseToTheSameMailbox() throws SrsException {
            String address = forward(srs, "\"john doe\"@example.com");
            assertThat(address).matches("\"SRS0=[A-Za-z0-9_-]{4}=JM=example\\.com=john doe\"@forward\\.example");
            assertThat(reverse(srs, address)).isEqualTo("\"john doe\"@example.com");
            String escaped = forward(srs, "\"a\\\"b@c\"@example.com");
            assertThat(escaped).endsWith("=example.com=a\\\"b@c\"@forward.example");
            assertThat(reverse(srs, escaped)).isEqualTo("\"a\\\"b@c\"@example.com");
            assertThat(reverse(srs, forward(srs, "\"plain\"@example.com"))).isEqualTo("plain@example.com");
        }
    }

    @Test
    void idnDomainsShouldBecomeALabelsAndNonAsciiLocalPartsBeRefused() throws SrsException {
        String address = forward(srs, "joerg@Bücher.example");
        assertThat(address).endsWith("=JM=xn--bcher-kva.example=joerg@forward.example");
        assertThat(reverse(srs, address)).isEqualTo("joerg@xn--bcher-kva.example");
        assertThatThrownBy(() -> srs.forward("jörg@example.com")).isInstanceOf(SrsException.class)
            .hasMessage("MALFORMED: local part of sender 'j\\u00f6rg@example.com' is not ASCII: SMTPUTF8 local parts cannot be rewritten");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "first.last+tag", "user=equals", "=lead", "trail=", "-dash-", "a+b=c-d_e", "o'brien",
        "x!#$%&'*/?^`{|}~", "dots..double", ".lead", "UPPER.Case", "SRS2=x", "srs0", "bounces+SRS=x"})
    void specialLocalPartsShouldRoundTrip(String local) throws SrsException {
        String sender = local + "@Example.org";
        String address = forward(srs, sender);
        assertThat(address).startsWith("SRS0=");
        assertThat(reverse(srs, address)).isEqualTo(sender);
        assertThat(reverse(srs, address.toLowerCase(Locale.ROOT))).isEqualToIgnoringCase(sender);
        assertThat(reverse(srs, address.toUpperCase(Locale.ROOT))).isEqualToIgnoringCase(sender);
    }

    @Nested
    class Reverse {
        @Test
        void shouldAcceptBothHashAlphabetsAndAnySeparator() throws SrsException {
            for (int i = 0; i < 200; i++) {
                String sender = "user" + i + "@example.com";
                String urlSafe = forward(srs, sender);
                String standardAlphabet = urlSafe.substring(0, 9).replace('-', '+').replace('_', '/') + urlSafe.substring(9);
                assertThat(reverse(srs, urlSafe)).isEqualTo(sender);
                assertThat(reverse(srs, standardAlphabet)).isEqualTo(sender);
                assertThat(reverse(srs, "srs0+" + urlSafe.substring(5))).isEqualTo(sender);
                assertThat(reverse(srs, "SRS0-" + urlSafe.substring(5))).isEqualTo(sender);
            }
        }

        @Test
        void shouldReverseSrs1ToTheSrs0AddressAtTheFirstForwarder() throws SrsException {
            String srs1 = forward(srs, "SRS0=AbC+=XY=example.com=bob@first.example");
            SrsReverse result = srs.reverse(srs1);
            assertThat(result.kind()).isEqualTo(SrsReverse.Kind.SRS1);
            assertThat(result.bounceRecipient()).contains("SRS0=AbC+=XY=example.com=bob@first.example");
            assertThat(result.forwardingAddress()).isEmpty();
            assertThat(standard(at("2027-11-23")).reverse(srs1).kind()).as("SRS1 carries no timestamp")
                .isEqualTo(SrsReverse.Kind.SRS1);
        }

        @Test
        void shouldRefuseForgedHashes() throws SrsException {
            String good = forward(srs, "bob@example.com");
            String other = forward(standard(TODAY, OTHER_SECRET), "bob@example.com");
            assertThatThrownBy(() -> srs.reverse(other)).isInstanceOf(SrsException.class)
                .hasMessage("BAD_HASH: hash '" + other.substring(5, 9) + "' of '" + other + "' does not verify");
            assertThat(reason(srs, good.replace("bob@", "eve@"))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, good.replace("=example.com=", "=evil.example="))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, good.replace("=JM=", "=JL="))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, good.substring(0, 5) + good.substring(6))).as("short hash").isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, good.substring(0, 5) + "x" + good.substring(5))).as("long hash, first characters forged")
                .isEqualTo(SrsException.Reason.BAD_HASH);
            java.util.Random random = new java.util.Random(42);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            int accepted = 0;
            for (int i = 0; i < 2000; i++) {
                StringBuilder hash = new StringBuilder();
                for (int j = 0; j < 4; j++) {
                    hash.append(alphabet.charAt(random.nextInt(64)));
                }
                String forged = "SRS0=" + hash + "=JM=example.com=victim" + i + "@forward.example";
                if (reason(srs, forged) == null) {
                    accepted++;
                }
            }
            assertThat(accepted).as("about 2000 / 2^20.6 random hashes verify").isLessThanOrEqualTo(1);
        }

        @Test
        void shouldAcceptAHashLongerThanConfiguredWhenItsFirstCharactersVerifyAsPostsrsdDoes() throws SrsException {
            String good = forward(srs, "bob@example.com");
            String longer = good.substring(0, 9) + "xY9" + good.substring(9);
            assertThat(reverse(srs, longer)).isEqualTo("bob@example.com");
            String srs1 = forward(srs, "SRS0=abcd=JM=example.com=bob@first.example");
            String longerSrs1 = srs1.substring(0, 9) + "Q" + srs1.substring(9);
            assertThat(reverse(srs, longerSrs1)).isEqualTo(reverse(srs, srs1));
            assertThat(reason(srs, good.substring(0, 8) + good.substring(9))).as("one character short")
                .isEqualTo(SrsException.Reason.BAD_HASH);
        }

        @Test
        void shouldRefuseAVerifiedAddressWhoseDomainIsNoDomainAsPostsrsdDoes() throws Exception {
            // postsrsd 2.x database mode writes SRS0=hash=TT=1=KEY@domain: the hash verifies, the "domain" 1 is none
            String hash = hashOf("jm1key");
            String address = "SRS0=" + hash + "=JM=1=KEY@forward.example";
            assertMessage(address, "MALFORMED: domain of the address encoded in '" + address
                + "' is not a domain name: its last label is all digits (RFC 3696 section 2)");
            assertThat(reason(srs, "SRS0=" + hash + "=JM=2=KEY@forward.example")).as("and the hash is what it checks first")
                .isEqualTo(SrsException.Reason.BAD_HASH);
        }

        @Test
        void shouldRotateSecrets() throws SrsException {
            String byOld = forward(standard(TODAY, OLD_SECRET), "bob@example.com");
            StandardSrs rotated = standard(TODAY, SECRET, OLD_SECRET);
            assertThat(reverse(rotated, byOld)).isEqualTo("bob@example.com");
            assertThat(forward(rotated, "bob@example.com")).isEqualTo(forward(srs, "bob@example.com"));
            assertThat(reason(srs, byOld)).as("once retired, the old secret no longer verifies").isEqualTo(SrsException.Reason.BAD_HASH);
        }

        @Test
        void shouldExpireAfterTheMaximumAge() throws SrsException {
            long day = 20780;
            String address = forward(standard(atEpochDay(day)), "bob@example.com");
            assertThat(reverse(standard(atEpochDay(day + 21)), address)).isEqualTo("bob@example.com");
            assertThatThrownBy(() -> standard(atEpochDay(day + 22)).reverse(address)).isInstanceOf(SrsException.class)
                .hasMessage("EXPIRED: '" + address + "' was issued 22 days ago, the maximum age is 21 days");
            assertThat(reason(standard(atEpochDay(day - 1)), address)).as("a day in the future is 1023 days old")
                .isEqualTo(SrsException.Reason.EXPIRED);
            StandardSrs week = StandardSrs.builder(SrsSecrets.of(SECRET), "forward.example").maxAgeDays(7)
                .clock(atEpochDay(day + 8)).build();
            assertThat(reason(week, address)).isEqualTo(SrsException.Reason.EXPIRED);
        }

        @Test
        void shouldHandleThe1024DayWrap() throws SrsException {
            long lastSlot = 20479;
            String address = forward(standard(atEpochDay(lastSlot)), "bob@example.com");
            assertThat(address).contains("=77=");
            assertThat(forward(standard(atEpochDay(lastSlot + 1)), "bob@example.com")).contains("=AA=");
            assertThat(reverse(standard(atEpochDay(lastSlot + 1)), address)).isEqualTo("bob@example.com");
            assertThat(reverse(standard(atEpochDay(lastSlot + 21)), address)).isEqualTo("bob@example.com");
            assertThat(reason(standard(atEpochDay(lastSlot + 22)), address)).isEqualTo(SrsException.Reason.EXPIRED);
            assertThat(reverse(standard(atEpochDay(lastSlot + 1024)), address)).as("valid again after a full cycle, as in libsrs2")
                .isEqualTo("bob@example.com");
        }

        @Test
        void shouldNameWhatIsMalformed() {
            assertMessage("bob@example.com", "NOT_SRS: 'bob@example.com' is not an SRS0 or SRS1 address");
            assertMessage("SRS2=abcd=JM=example.com=bob@forward.example",
                "NOT_SRS: 'SRS2=abcd=JM=example.com=bob@forward.example' is not an SRS0 or SRS1 address");
            assertMessage("SRS0=abcd=JM=example.com@forward.example",
                "MALFORMED: SRS0 address 'SRS0=abcd=JM=example.com@forward.example' lacks a part: expected SRS0=hash=timestamp=domain=local");
            assertMessage("SRS0=abcd=JM=example.com=@forward.example",
                "MALFORMED: SRS0 address 'SRS0=abcd=JM=example.com=@forward.example' lacks a part: expected SRS0=hash=timestamp=domain=local");
            assertMessage("SRS0=abcd=J1=example.com=bob@forward.example",
                "MALFORMED: SRS0 address 'SRS0=abcd=J1=example.com=bob@forward.example' has timestamp 'J1': expected two base32 characters");
            assertMessage("SRS0=abcd=JMM=example.com=bob@forward.example",
                "MALFORMED: SRS0 address 'SRS0=abcd=JMM=example.com=bob@forward.example' has timestamp 'JMM': expected two base32 characters");
            assertMessage("SRS1=abcd=host.example@forward.example",
                "MALFORMED: SRS1 address 'SRS1=abcd=host.example@forward.example' lacks a host or user part");
            assertMessage("SRS1=abcd==x@forward.example",
                "MALFORMED: SRS1 address 'SRS1=abcd==x@forward.example' lacks a host or user part");
            assertMessage("SRS0=abcd", "MALFORMED: address 'SRS0=abcd' has no '@'");
            assertMessage("x".repeat(990) + "@example.com", "MALFORMED: address has 1002 characters, at most 1000 are allowed");
        }

        @Test
        void shouldCheckTheEncodedDomainEvenWhenTheHashVerifies() throws Exception {
            String hash = hashOf("bad!host=hhhh=jm=d.example=u");
            String address = "SRS1=" + hash + "=bad!host==HHHH=JM=d.example=u@forward.example";
            assertMessage(address, "MALFORMED: domain of the address encoded in '" + address
                + "' may hold only letters, digits, '-', '_' and dots");
            assertThatThrownBy(() -> srs.forward("SRS1=abcd=bad!host==HHHH=JM=d.example=u@second.example"))
                .hasMessage("MALFORMED: domain of the address encoded in 'SRS1=abcd=bad!host==HHHH=JM=d.example=u@second.example'"
                    + " may hold only letters, digits, '-', '_' and dots");
        }

        /** The 4-character URL-safe base64 HMAC-SHA1 of {@code data} under SECRET, as postsrsd computes it. */
        private String hashOf(String data) throws Exception {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "HmacSHA1"));
            byte[] digest = mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().encodeToString(digest).substring(0, 4);
        }

        private void assertMessage(String address, String message) {
            assertThatThrownBy(() -> srs.reverse(address)).isInstanceOf(SrsException.class).hasMessage(message);
        }
    }

    @Test
    void forwardShouldRefuseWhatItCannotRewrite() {
        assertForwardMessage("noatsign", "MALFORMED: sender 'noatsign' has no '@'");
        assertForwardMessage("@example.com", "MALFORMED: sender '@example.com' has an empty local part");
        assertForwardMessage("\"\"@example.com", "MALFORMED: sender '\"\"@example.com' has an empty local part");
        assertForwardMessage("bob@", "MALFORMED: sender 'bob@' has an empty domain");
        assertForwardMessage("bob@[192.0.2.1]",
            "MALFORMED: sender 'bob@[192.0.2.1]' has an address literal as domain, which cannot be rewritten");
        assertForwardMessage("a b@example.com",
            "MALFORMED: local part of sender 'a b@example.com' has ' ', which is allowed only in a quoted local part");
        assertForwardMessage("\"a\"b\"@example.com",
            "MALFORMED: quoted local part of sender '\"a\"b\"@example.com' has an unescaped '\"'");
        assertForwardMessage("a\r\nb@example.com", "MALFORMED: local part of sender 'a\\u000d\\u000ab@example.com' has a control character");
        assertForwardMessage("bob@exa mple.com",
            "MALFORMED: domain of sender 'bob@exa mple.com' may hold only letters, digits, '-', '_' and dots");
        assertForwardMessage("bob@example..com",
            "MALFORMED: domain of sender 'bob@example..com' has a label of 0 characters, labels must have 1 to 63");
        assertForwardMessage("bob@" + "a".repeat(64) + ".com",
            "MALFORMED: domain of sender 'bob@" + "a".repeat(64) + ".com' has a label of 64 characters, labels must have 1 to 63");
        assertForwardMessage("SRS1=abcd@first.example", "MALFORMED: SRS1 sender 'SRS1=abcd@first.example' lacks a host or user part");
        assertForwardMessage("x".repeat(1001), "MALFORMED: sender has 1001 characters, at most 1000 are allowed");
    }

    private void assertForwardMessage(String sender, String message) {
        assertThatThrownBy(() -> srs.forward(sender)).isInstanceOf(SrsException.class).hasMessage(message);
    }

    @Test
    void builderShouldRejectBadSettings() {
        SrsSecrets secrets = SrsSecrets.of(SECRET);
        assertThatThrownBy(() -> StandardSrs.builder(secrets, "exa mple")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'exa mple'");
        assertThatThrownBy(() -> StandardSrs.builder(secrets, "forward.example").separator('/'))
            .hasMessage("SRS separator '/' is invalid: allowed are =, +, -");
        assertThatThrownBy(() -> StandardSrs.builder(secrets, "forward.example").hashLength(3))
            .hasMessage("SRS hash length 3 is invalid: allowed are 4 to 26");
        assertThatThrownBy(() -> StandardSrs.builder(secrets, "forward.example").hashLength(27))
            .hasMessage("SRS hash length 27 is invalid: allowed are 4 to 26");
        assertThatThrownBy(() -> StandardSrs.builder(secrets, "forward.example").maxAgeDays(0))
            .hasMessage("SRS maximum age 0 days is invalid: allowed are 1 to 1000");
        assertThatThrownBy(() -> StandardSrs.builder(secrets, "forward.example").maxAgeDays(1001))
            .hasMessage("SRS maximum age 1001 days is invalid: allowed are 1 to 1000");
        StandardSrs longest = StandardSrs.builder(secrets, "forward.example").hashLength(26).clock(TODAY).build();
        assertThat(longest.toString()).isEqualTo("StandardSrs{domain=forward.example, separator==, hashLength=26,"
            + " maxAgeDays=21, alphabet=URL_SAFE, secrets=1}").doesNotContain(SECRET);
    }

    @Test
    void longestHashShouldRoundTrip() throws SrsException {
        StandardSrs longest = StandardSrs.builder(SrsSecrets.of(SECRET), "forward.example").hashLength(26).clock(TODAY).build();
        String address = forward(longest, "bob@example.com");
        assertThat(address).matches("SRS0=[A-Za-z0-9_-]{26}=JM=example\\.com=bob@forward\\.example");
        assertThat(reverse(longest, address)).isEqualTo("bob@example.com");
    }

    @Test
    void isSrsAddressShouldLookAtTheTagOnly() {
        assertThat(StandardSrs.isSrsAddress("SRS0=x@y")).isTrue();
        assertThat(StandardSrs.isSrsAddress("srs1+x@y")).isTrue();
        assertThat(StandardSrs.isSrsAddress("\"SRS0-x y\"@y")).isTrue();
        assertThat(StandardSrs.isSrsAddress("srs0@y")).isFalse();
        assertThat(StandardSrs.isSrsAddress("SRS2=x@y")).isFalse();
        assertThat(StandardSrs.isSrsAddress("bob@y")).isFalse();
    }

    static SrsException.Reason reason(StandardSrs srs, String address) {
        try {
            srs.reverse(address);
            return null;
        } catch (SrsException e) {
            return e.reason();
        }
    }
}
