package org.bordertransport.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.srs.SrsTestSupport.OLD_SECRET;
import static org.bordertransport.core.srs.SrsTestSupport.OTHER_SECRET;
import static org.bordertransport.core.srs.SrsTestSupport.SECRET;
import static org.bordertransport.core.srs.SrsTestSupport.at;
import static org.bordertransport.core.srs.SrsTestSupport.atEpochDay;
import static org.bordertransport.core.srs.SrsTestSupport.m365;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Microsoft365SrsTest {
    private static final Clock TODAY = at("2026-11-23");
    private static final String FORWARDER = "john.work@contoso.com";
    private final Microsoft365Srs srs = m365(TODAY);

    private String forward(String sender) throws SrsException {
        return srs.forward(sender, FORWARDER).address();
    }

    private static SrsException.Reason reason(Microsoft365Srs srs, String address) {
        try {
            srs.reverse(address);
            return null;
        } catch (SrsException e) {
            return e.reason();
        }
    }

    @Nested
    class Forward {
        @Test
        void shouldWriteTheMicrosoft365ShapeWithTheDocumentedHash() throws SrsException {
            SrsForward result = srs.forward("bob@fabrikam.com", FORWARDER);
            // checked with Python: base32(HMAC-SHA256(secret, "f\0jm\0fabrikam.com\0bob\0john.work@contoso.com"))[:8]
            assertThat(result).isEqualTo(new SrsForward(SrsForward.Outcome.FORWARD,
                "john.work+SRS=btdbd6u3=JM=fabrikam.com=bob@contoso.com"));
            SrsReverse reversed = srs.reverse(result.address());
            assertThat(reversed.kind()).isEqualTo(SrsReverse.Kind.FORWARD);
            assertThat(reversed.bounceRecipient()).contains("bob@fabrikam.com");
            assertThat(reversed.forwardingAddress()).contains(FORWARDER);
        }

        @Test
        void shouldBindTheHashToTheForwardingMailbox() throws SrsException {
            String address = forward("bob@fabrikam.com");
            assertThat(reason(srs, address.replace("john.work+", "jane+"))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, address.replace("@contoso.com", "@other.example"))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, address.replace("=bob@", "=eve@"))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, address.replace("=fabrikam.com=", "=evil.example="))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, address.replace("=JM=", "=JL="))).isEqualTo(SrsException.Reason.BAD_HASH);
        }

        @Test
        void shouldUseTheBouncesFormPast64Characters() throws SrsException {
            // john.work + "+SRS=" + 8 + "=JM=" + fabrikam.com + "=" leaves 25 characters for the original local part
            String at64 = srs.forward("a".repeat(25) + "@fabrikam.com", FORWARDER).address();
            assertThat(at64.substring(0, at64.lastIndexOf('@'))).hasSize(64);
            SrsForward at65 = srs.forward("a".repeat(26) + "@fabrikam.com", FORWARDER);
            assertThat(at65).isEqualTo(new SrsForward(SrsForward.Outcome.BOUNCES, "bounces+SRS=x3omlyfk=JM@contoso.com"));
            String quoted64 = srs.forward("\"" + "b".repeat(22) + " \"@fabrikam.com", FORWARDER).address();
            assertThat(quoted64.substring(0, quoted64.lastIndexOf('@'))).hasSize(64).startsWith("\"john.work+SRS=");
            assertThat(srs.forward("\"" + "b".repeat(23) + " \"@fabrikam.com", FORWARDER).outcome())
                .isEqualTo(SrsForward.Outcome.BOUNCES);
            assertThat(srs.reverse(at65.address())).isEqualTo(new SrsReverse(SrsReverse.Kind.BOUNCES, null, null));
        }

        @Test
        void shouldNeverRewriteTwice() throws SrsException {
            String once = forward("bob@fabrikam.com");
            for (String sender : new String[] {once, once.toLowerCase(Locale.ROOT), "bounces+SRS=x3omlyfk=JM@contoso.com",
                "alice+srs=44ldt=IX=fabrikam.com=bob@other.example", "SRS0=hvbe=JM=example.com=bob@forward.example",
                "srs1+x=y==z@a.example"}) {
                assertThat(srs.forward(sender, "jane@tailspin.example")).as(sender)
                    .isEqualTo(new SrsForward(SrsForward.Outcome.ALREADY_REWRITTEN, sender));
                assertThat(srs.relay(sender).outcome()).as(sender).isEqualTo(SrsForward.Outcome.ALREADY_REWRITTEN);
            }
            assertThat(srs.forward("<>", FORWARDER)).isEqualTo(new SrsForward(SrsForward.Outcome.NULL_SENDER, "<>"));
            assertThat(srs.relay("")).isEqualTo(new SrsForward(SrsForward.Outcome.NULL_SENDER, ""));
            assertThat(srs.forward("boss@Contoso.com", FORWARDER))
                .isEqualTo(new SrsForward(SrsForward.Outcome.SAME_DOMAIN, "boss@Contoso.com"));
            assertThat(srs.relay("alice@RELAY.example").outcome()).isEqualTo(SrsForward.Outcome.SAME_DOMAIN);
        }

        @Test
        void shouldRefuseUnusableForwardingAddresses() {
            assertThatThrownBy(() -> srs.forward("bob@fabrikam.com", "john+SRS=x@contoso.com")).isInstanceOf(SrsException.class)
                .hasMessage("MALFORMED: forwarding address 'john+SRS=x@contoso.com' holds '+SRS=', which marks rewritten addresses");
            assertThatThrownBy(() -> srs.forward("bob@fabrikam.com", "contoso.com")).isInstanceOf(SrsException.class)
                .hasMessage("MALFORMED: forwarding address 'contoso.com' has no '@'");
            assertThatThrownBy(() -> srs.forward("bob", FORWARDER)).isInstanceOf(SrsException.class)
                .hasMessage("MALFORMED: sender 'bob' has no '@'");
        }
    }

    /** The engine remembers the last forwarding address it accepted and the last domain it reversed at. */
    @Nested
    class Memos {
        @Test
        void eachMailIsSignedForTheForwarderItNamesAndARefusedOneStaysRefused() throws SrsException {
            String first = srs.forward("bob@fabrikam.com", FORWARDER).address();
            String second = srs.forward("bob@fabrikam.com", "jane@contoso.org").address();
            assertThat(second).startsWith("jane+SRS=").endsWith("@contoso.org");
            assertThat(srs.reverse(second).forwardingAddress()).contains("jane@contoso.org");
            assertThatThrownBy(() -> srs.forward("bob@fabrikam.com", "john+SRS=x@contoso.com"))
                .hasMessageContaining("holds '+SRS='");
            assertThatThrownBy(() -> srs.forward("bob@fabrikam.com", "john+SRS=x@contoso.com"))
                .as("not remembered: refused again").hasMessageContaining("holds '+SRS='");
            assertThat(srs.forward("bob@fabrikam.com", FORWARDER).address()).isEqualTo(first);
            assertThat(srs.forward("bob@contoso.com", FORWARDER).outcome()).isEqualTo(SrsForward.Outcome.SAME_DOMAIN);
        }

        @Test
        void aDomainLikeTheLastReversedOneIsCheckedInFull() throws SrsException {
            assertThat(srs.reverse(forward("bob@fabrikam.com")).bounceRecipient()).contains("bob@fabrikam.com");
            String valid = forward("bob@fabrikam.com");
            // same length as contoso.com, and a prefix of it: neither is taken for the domain checked before
            assertThat(reason(srs, valid.replace("@contoso.com", "@contoso.12"))).isEqualTo(SrsException.Reason.MALFORMED);
            assertThat(reason(srs, valid.replace("@contoso.com", "@contoso.co"))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, valid.replace("@contoso.com", "@contoso.com."))).isEqualTo(SrsException.Reason.MALFORMED);
            assertThat(reason(srs, valid.replace("@contoso.com", "@CONTOSO.COM"))).as("hashes ignore case").isNull();
            assertThat(srs.reverse(valid).bounceRecipient()).contains("bob@fabrikam.com");
        }
    }

    /** base32 (RFC 4648, lower case) of HMAC-SHA256(SECRET, input), its first 8 characters: the hash as Border writes it. */
    private static String hash(String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            int bit = 5 * i;
            int word = (digest[bit / 8] & 0xff) << 8 | (digest[bit / 8 + 1] & 0xff);
            out.append("abcdefghijklmnopqrstuvwxyz234567".charAt((word >>> (11 - bit % 8)) & 31));
        }
        return out.toString();
    }

    @Test
    void aVerifiedAddressWhoseEncodedDomainIsAllDigitsIsRefusedWhateverDotsPrecedeIt() throws Exception {
        // the hash verifies, but "123" is no domain a bounce can go to; the dot in john.work lies before the domain
        String address = "john.work+SRS=" + hash("f\0jm\0" + "123\0bob\0john.work@contoso.com") + "=JM=123=bob@contoso.com";
        assertThat(reason(srs, address.replace("=123=", "=124="))).as("the hash is checked first")
            .isEqualTo(SrsException.Reason.BAD_HASH);
        assertThatThrownBy(() -> srs.reverse(address)).isInstanceOf(SrsException.class)
            .hasMessageContaining("is not a domain name: its last label is all digits");
        String named = "john.work+SRS=" + hash("f\0jm\0" + "example.com\0bob\0john.work@contoso.com")
            + "=JM=example.com=bob@contoso.com";
        assertThat(srs.reverse(named).bounceRecipient()).contains("bob@example.com");
    }

    @Nested
    class Relay {
        @Test
        void shouldWriteBouncesAtTheDefaultDomain() throws SrsException {
            // checked with Python: base32(HMAC-SHA256(secret, "b\0jm\0relay.example"))[:8]
            assertThat(srs.relay("bob@fabrikam.com"))
                .isEqualTo(new SrsForward(SrsForward.Outcome.BOUNCES, "bounces+SRS=rormdxdb=JM@relay.example"));
            assertThat(srs.relay("carol@tailspin.example").address()).isEqualTo("bounces+SRS=rormdxdb=JM@relay.example");
        }

        @Test
        void forgedBouncesAddressesShouldFail() throws SrsException {
            String good = srs.relay("bob@fabrikam.com").address();
            assertThat(srs.reverse(good).bounceRecipient()).isEmpty();
            assertThat(srs.reverse(good.toUpperCase(Locale.ROOT)).kind()).isEqualTo(SrsReverse.Kind.BOUNCES);
            assertThat(reason(srs, good.replace("@relay.example", "@other.example"))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, good.replace("=JM@", "=JN@"))).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, "bounces+SRS=aaaaaaaa=JM@relay.example")).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(m365(TODAY, OTHER_SECRET), good)).isEqualTo(SrsException.Reason.BAD_HASH);
            assertThat(reason(srs, good.replace("bounces+", "john+"))).isEqualTo(SrsException.Reason.MALFORMED);
            Random random = new Random(7);
            for (int i = 0; i < 2000; i++) {
                StringBuilder hash = new StringBuilder();
                for (int j = 0; j < 8; j++) {
                    hash.append("abcdefghijklmnopqrstuvwxyz234567".charAt(random.nextInt(32)));
                }
                assertThat(reason(srs, "bounces+SRS=" + hash + "=JM@relay.example")).isEqualTo(SrsException.Reason.BAD_HASH);
                assertThat(reason(srs, "x+SRS=" + hash + "=JM=fabrikam.com=bob" + i + "@contoso.com"))
                    .isEqualTo(SrsException.Reason.BAD_HASH);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "first.last+tag", "user=equals", "=lead", "trail=", "-dash-", "a+b=c-d_e", "o'brien",
        "x!#$%&'*/?^`{|}~", "UPPER.Case", "\"john doe\"", "\"a\\\"b@c\"", "SRS2=x", "+srsx"})
    void specialLocalPartsShouldRoundTrip(String local) throws SrsException {
        String sender = local + "@Fabrikam.com";
        String address = forward(sender);
        assertThat(srs.forward(sender, FORWARDER).outcome()).isEqualTo(SrsForward.Outcome.FORWARD);
        assertThat(srs.reverse(address).bounceRecipient()).contains(sender);
        if (!local.startsWith("\"")) {
            assertThat(srs.reverse(address.toUpperCase(Locale.ROOT)).bounceRecipient().orElseThrow()).isEqualToIgnoringCase(sender);
            assertThat(srs.reverse(address.toLowerCase(Locale.ROOT)).bounceRecipient().orElseThrow()).isEqualToIgnoringCase(sender);
        }
    }

    @Test
    void quotedForwardersAndIdnShouldWork() throws SrsException {
        SrsForward result = srs.forward("bob@Bücher.example", "\"john work\"@contoso.com");
        assertThat(result.address()).matches("\"john work\\+SRS=[a-z2-7]{8}=JM=xn--bcher-kva\\.example=bob\"@contoso\\.com");
        SrsReverse reversed = srs.reverse(result.address());
        assertThat(reversed.bounceRecipient()).contains("bob@xn--bcher-kva.example");
        assertThat(reversed.forwardingAddress()).contains("\"john work\"@contoso.com");
    }

    @Test
    void reverseShouldRotateExpireAndWrap() throws SrsException {
        String byOld = m365(TODAY, OLD_SECRET).forward("bob@fabrikam.com", FORWARDER).address();
        assertThat(m365(TODAY, SECRET, OLD_SECRET).reverse(byOld).bounceRecipient()).contains("bob@fabrikam.com");
        assertThat(reason(srs, byOld)).isEqualTo(SrsException.Reason.BAD_HASH);

        long lastSlot = 20479;
        String wrap = m365(atEpochDay(lastSlot)).forward("bob@fabrikam.com", FORWARDER).address();
        String bounces = m365(atEpochDay(lastSlot)).relay("bob@fabrikam.com").address();
        assertThat(wrap).contains("=77=");
        assertThat(bounces).endsWith("=77@relay.example");
        for (int days : new int[] {0, 1, 21}) {
            assertThat(reason(m365(atEpochDay(lastSlot + days)), wrap)).as("%d days", days).isNull();
            assertThat(reason(m365(atEpochDay(lastSlot + days)), bounces)).as("%d days", days).isNull();
        }
        assertThatThrownBy(() -> m365(atEpochDay(lastSlot + 22)).reverse(wrap)).isInstanceOf(SrsException.class)
            .hasMessage("EXPIRED: '" + wrap + "' was issued 22 days ago, the maximum age is 21 days");
        assertThat(reason(m365(atEpochDay(lastSlot + 22)), bounces)).isEqualTo(SrsException.Reason.EXPIRED);
        assertThat(reason(m365(atEpochDay(lastSlot - 1)), wrap)).isEqualTo(SrsException.Reason.EXPIRED);
    }

    @Test
    void reverseShouldNameWhatIsMalformed() {
        assertMessage("bob@fabrikam.com", "NOT_SRS: 'bob@fabrikam.com' holds no '+SRS='");
        assertMessage("SRS0=hvbe=JM=example.com=bob@forward.example",
            "NOT_SRS: 'SRS0=hvbe=JM=example.com=bob@forward.example' holds no '+SRS='");
        assertMessage("+SRS=abcdefgh=JM=a.example=b@contoso.com",
            "MALFORMED: '+SRS=abcdefgh=JM=a.example=b@contoso.com' has nothing before '+SRS='");
        assertMessage("john+SRS=abcdefgh@contoso.com", "MALFORMED: 'john+SRS=abcdefgh@contoso.com' has no timestamp after the hash");
        assertMessage("john+SRS=abcdefgh=JM@contoso.com", "MALFORMED: 'john+SRS=abcdefgh=JM@contoso.com' lacks a part:"
            + " expected forwarder+SRS=hash=timestamp=domain=local@domain");
        assertMessage("john+SRS=abcdefgh=JM=a.example@contoso.com", "MALFORMED: 'john+SRS=abcdefgh=JM=a.example@contoso.com'"
            + " lacks a part: expected forwarder+SRS=hash=timestamp=domain=local@domain");
        assertMessage("john+SRS=abcdefgh=J!=a.example=b@contoso.com",
            "MALFORMED: 'john+SRS=abcdefgh=J!=a.example=b@contoso.com' has timestamp 'J!': expected two base32 characters");
        assertMessage("bounces+SRS=abcdefgh=JMX@contoso.com",
            "MALFORMED: 'bounces+SRS=abcdefgh=JMX@contoso.com' has timestamp 'JMX': expected two base32 characters");
        assertMessage("john+SRS=abcdefg=JM=a.example=b@contoso.com",
            "BAD_HASH: hash 'abcdefg' of 'john+SRS=abcdefg=JM=a.example=b@contoso.com' does not verify");
    }

    private void assertMessage(String address, String message) {
        assertThatThrownBy(() -> srs.reverse(address)).isInstanceOf(SrsException.class).hasMessage(message);
    }

    @Test
    void builderShouldRejectBadSettingsAndHideSecrets() {
        SrsSecrets secrets = SrsSecrets.of(SECRET);
        assertThatThrownBy(() -> Microsoft365Srs.builder(secrets, "relay.example").hashLength(4))
            .hasMessage("SRS hash length 4 is invalid: allowed are 5 to 16");
        assertThatThrownBy(() -> Microsoft365Srs.builder(secrets, "relay.example").hashLength(17))
            .hasMessage("SRS hash length 17 is invalid: allowed are 5 to 16");
        assertThatThrownBy(() -> Microsoft365Srs.builder(secrets, "relay.example").maxAgeDays(0))
            .hasMessage("SRS maximum age 0 days is invalid: allowed are 1 to 1000");
        assertThatThrownBy(() -> Microsoft365Srs.builder(secrets, "relay")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'relay'");
        assertThat(srs.toString()).isEqualTo("Microsoft365Srs{defaultDomain=relay.example, hashLength=8, maxAgeDays=21, secrets=1}");
    }

    @Test
    void hashLengthShouldBeConfigurable() throws SrsException {
        Microsoft365Srs five = Microsoft365Srs.builder(SrsSecrets.of(SECRET), "relay.example").hashLength(5).clock(TODAY).build();
        String address = five.forward("bob@fabrikam.com", FORWARDER).address();
        assertThat(address).isEqualTo("john.work+SRS=btdbd=JM=fabrikam.com=bob@contoso.com");
        assertThat(five.reverse(address).bounceRecipient()).contains("bob@fabrikam.com");
        assertThat(reason(srs, address)).as("the 8-character engine wants 8 characters").isEqualTo(SrsException.Reason.BAD_HASH);
    }

    @Test
    void isSrsAddressShouldFindTheTagInAnyCase() {
        assertThat(Microsoft365Srs.isSrsAddress("john.work+SRS=a=b=c=d@x.example")).isTrue();
        assertThat(Microsoft365Srs.isSrsAddress("bounces+srs=a=b@x.example")).isTrue();
        assertThat(Microsoft365Srs.isSrsAddress("john+srsx@x.example")).isFalse();
        assertThat(Microsoft365Srs.isSrsAddress("john@x+SRS=.example")).isFalse();
    }
}
