package org.bordertransport.core.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderFirewallTest {
    /** As James 3.8.1 writes it: reverse DNS name, HELO name, address. */
    private static final String JAMES_FROM_INTERNAL = "from exch01.corp.local (HELO EXCH01) ([10.1.2.3])\r\n"
        + "          by mx.border.test (JAMES SMTP Server ) with ESMTP ID 1a2b3c4d\r\n"
        + "          for <carol@example.com>;\r\n          Mon, 2 Mar 2026 10:00:00 +0000 (UTC)";
    private static final String EXCHANGE_INTERNAL = "from client.corp.local (10.1.2.50) by EXCH01.corp.local (10.1.2.3)"
        + " with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1118.7;"
        + " Mon, 2 Mar 2026 09:59:58 +0000";
    private static final String PUBLIC_HOP = "from mail.fabrikam.test (mail.fabrikam.test [203.0.113.5])\r\n"
        + "\tby mx.border.test (JAMES SMTP Server) with ESMTP ID 99\r\n\tfor <bob@border.test>;"
        + " Mon, 2 Mar 2026 09:00:00 +0000";

    private static HeaderFirewall firewall(String... keyValues) {
        Map<String, String> parameters = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            parameters.put(keyValues[i], keyValues[i + 1]);
        }
        return HeaderFirewall.from(parameters);
    }

    private static List<HeaderField> header(String... nameValues) {
        List<HeaderField> fields = new java.util.ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            fields.add(new HeaderField(nameValues[i], nameValues[i + 1]));
        }
        return fields;
    }

    @Nested
    class ByName {
        @Test
        void exchangeOrganizationAndForestHeadersAndTheMarkerShouldBeRemoved() {
            HeaderFirewall.Outcome outcome = firewall().apply(header(
                "X-MS-Exchange-Organization-SCL", "-1",
                "Subject", "hi",
                "x-ms-exchange-forest-rulesexecuted", "EXCH01",
                "X-Border-Delivered-To", "bob@border.test",
                "X-MS-Exchange-CrossTenant-Id", "kept: not organisation or forest"));
            assertThat(outcome.headers()).containsExactly(new HeaderField("Subject", "hi"),
                new HeaderField("X-MS-Exchange-CrossTenant-Id", "kept: not organisation or forest"));
            assertThat(outcome.removed()).isEqualTo(3);
            assertThat(outcome.changedNames()).containsExactly("x-border-delivered-to",
                "x-ms-exchange-forest-rulesexecuted", "x-ms-exchange-organization-scl");
        }

        @Test
        void configuredNamesAndPrefixesShouldBeRemoved() {
            HeaderFirewall.Outcome outcome = firewall("removeHeaders", "X-Originating-IP, X-Corp-*").apply(header(
                "X-Originating-IP", "[10.1.2.50]", "X-Corp-Dept", "sales", "X-Corporate", "kept", "To", "a@b.test"));
            assertThat(outcome.headers()).extracting(HeaderField::name).containsExactly("X-Corporate", "To");
        }

        @Test
        void untouchableNamesShouldStayButTheMarkerNever() {
            HeaderFirewall.Outcome outcome = firewall().apply(header("X-MS-Exchange-Organization-SCL", "-1",
                "X-Border-Delivered-To", "bob@border.test"),
                Set.of("x-ms-exchange-organization-scl", "x-border-delivered-to"));
            assertThat(outcome.headers()).containsExactly(new HeaderField("X-MS-Exchange-Organization-SCL", "-1"));
        }

        @Test
        void aCleanHeaderShouldBeUnchanged() {
            List<HeaderField> clean = header("Received", PUBLIC_HOP, "Subject", "hi");
            HeaderFirewall.Outcome outcome = firewall().apply(clean);
            assertThat(outcome.changed()).isFalse();
            assertThat(outcome.headers()).isEqualTo(clean);
        }
    }

    @Nested
    class Received {
        @Test
        void reduceShouldKeepThePublicHopWithoutTheInternalClient() {
            HeaderFirewall.Outcome outcome = firewall().apply(header("Received", JAMES_FROM_INTERNAL,
                "Received", EXCHANGE_INTERNAL, "Received", PUBLIC_HOP));
            assertThat(outcome.headers()).containsExactly(
                new HeaderField("Received", "by mx.border.test (JAMES SMTP Server ) with ESMTP ID 1a2b3c4d\r\n"
                    + "          for <carol@example.com>;\r\n          Mon, 2 Mar 2026 10:00:00 +0000 (UTC)"),
                new HeaderField("Received", PUBLIC_HOP));
            assertThat(outcome.receivedReduced()).isEqualTo(1);
            assertThat(outcome.receivedRemoved()).isEqualTo(1);
        }

        @Test
        void removeShouldDropEveryFieldNamingAnInternalHost() {
            HeaderFirewall.Outcome outcome = firewall("received", "remove").apply(header("Received",
                JAMES_FROM_INTERNAL, "Received", EXCHANGE_INTERNAL, "Received", PUBLIC_HOP));
            assertThat(outcome.headers()).containsExactly(new HeaderField("Received", PUBLIC_HOP));
            assertThat(outcome.receivedRemoved()).isEqualTo(2);
        }

        @Test
        void keepShouldLeaveThemAlone() {
            List<HeaderField> fields = header("Received", JAMES_FROM_INTERNAL, "Received", EXCHANGE_INTERNAL);
            assertThat(firewall("received", "KEEP").apply(fields).headers()).isEqualTo(fields);
        }

        @Test
        void aLoopbackClientOfOurOwnHopShouldBeDropped() {
            String james = "from client.example (localhost [127.0.0.1])\r\n          by mx.border.test (JAMES SMTP"
                + " Server) with ESMTP ID 5\r\n          for <x@remote.test>;\r\n          Mon, 2 Mar 2026";
            assertThat(firewall().apply(header("Received", james)).headers()).containsExactly(new HeaderField(
                "Received", "by mx.border.test (JAMES SMTP Server) with ESMTP ID 5\r\n          for <x@remote.test>;"
                    + "\r\n          Mon, 2 Mar 2026"));
        }

        @Test
        void internalCommentsOfThePublicHopAndAnInternalForShouldBeDropped() {
            String edge = "from EXCH01 (10.1.2.3) by edge.contoso.test (10.0.0.5) with Microsoft SMTP Server id"
                + " 15.2.1118.7 via Frontend Transport for <bob@exch01.corp.local>; Mon, 2 Mar 2026";
            assertThat(firewall().apply(header("Received", edge)).headers()).containsExactly(new HeaderField(
                "Received", "by edge.contoso.test with Microsoft SMTP Server id 15.2.1118.7 via Frontend Transport;"
                    + " Mon, 2 Mar 2026"));
        }

        @Test
        void anEnvelopeFromAddressOnAnInternalDomainCounts() {
            String exim = "from mail.fabrikam.test ([203.0.113.5]) by mx.border.test with esmtp (Exim 4.96)"
                + " (envelope-from <alice@srv.corp.local>) id 1abc; Mon, 2 Mar 2026";
            assertThat(firewall("received", "remove").apply(header("Received", exim)).headers()).isEmpty();
        }

        @Test
        void privateAddressesCountOnlyWhenUnqualifiedHostsDo() {
            String hop = "from gw.example.net ([192.168.1.10]) by mx.border.test; Mon, 2 Mar 2026";
            assertThat(firewall().apply(header("Received", hop)).receivedReduced()).isEqualTo(1);
            assertThat(firewall("unqualifiedIsInternal", "false").apply(header("Received", hop)).changed()).isFalse();
        }

        @Test
        void internalDomainsShouldCount() {
            String hop = "from relay.corp.example.com (relay.corp.example.com [198.51.100.7]) by mx.border.test;"
                + " Mon, 2 Mar 2026";
            assertThat(firewall().apply(header("Received", hop)).changed()).isFalse();
            assertThat(firewall("internalDomains", "corp.example.com").apply(header("Received", hop)).headers())
                .containsExactly(new HeaderField("Received", "by mx.border.test; Mon, 2 Mar 2026"));
        }

        @Test
        void aHopWithoutByShouldBeRemovedWhenReduced() {
            assertThat(firewall().apply(header("Received", "from EXCH01; Mon, 2 Mar 2026")).headers()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[10.1.2.3]|true", "10.255.0.1|true", "172.16.0.1|true", "172.32.0.1|false", "192.168.0.1|true",
        "127.0.0.1|true", "169.254.1.1|true", "100.64.0.1|true", "100.128.0.1|false", "203.0.113.5|false",
        "[IPv6:::1]|true", "[IPv6:fd00::1]|true", "fe80::1|true", "2001:db8::1|false",
        "[IPv6:::ffff:10.0.0.1]|true", "::ffff:203.0.113.5|false",
    })
    void privateAddressesShouldBeRecognised(String address, boolean internal) {
        assertThat(PrivateAddresses.classify(address)).contains(internal);
    }

    @Test
    void notAddressesShouldBeRecognisedAsSuch() {
        assertThat(PrivateAddresses.classify("15.2.1118.7")).isEmpty();
        assertThat(PrivateAddresses.classify("mx.border.test")).isEmpty();
        assertThat(PrivateAddresses.classify("1::2::3")).isEmpty();
    }

    @Nested
    class Configuration {
        @Test
        void badValuesShouldNameTheParameterTheValueAndWhatIsAllowed() {
            assertThatThrownBy(() -> firewall("received", "strip")).hasMessage(
                "Invalid parameter 'received': 'strip', allowed values are reduce, remove, keep");
            assertThatThrownBy(() -> firewall("removeHeaders", "X-A, *")).hasMessage(
                "Invalid parameter 'removeHeaders': 'X-A, *': '*' alone would remove every field; allowed:"
                    + " comma-separated header field names and prefix* patterns, except From, Date and Received");
            assertThatThrownBy(() -> firewall("removeHeaders", "Rec*")).hasMessageContaining(
                "'Rec*' would remove received fields (Received fields are governed by 'received')");
            assertThatThrownBy(() -> firewall("removeHeaders", "From")).hasMessageContaining("every message needs one");
            assertThatThrownBy(() -> firewall("removeHeaders", "X A")).hasMessageContaining(
                "'X A' is not a header field name");
            assertThatThrownBy(() -> firewall("removeHeaders", "X-*-Y")).hasMessageContaining(
                "'X-*-Y' is not a header field name");
            assertThatThrownBy(() -> firewall("removeHeaders", "X-A,,X-B")).hasMessageContaining("an empty entry");
            assertThatThrownBy(() -> firewall("unqualifiedIsInternal", "yes")).hasMessageContaining(
                "'unqualifiedIsInternal'");
            assertThatThrownBy(() -> firewall("internalSuffixes", ".lo cal")).hasMessageStartingWith(
                "Invalid parameter 'internalSuffixes/internalDomains'");
        }
    }
}
