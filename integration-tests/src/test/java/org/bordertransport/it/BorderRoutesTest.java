package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderRoutes.encode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Border Transport WebAdmin routes (docs/webadmin.md) in a real James 3.8.1 that loads them from the drop-in jar
 * through the shipped webadmin.properties ({@code extensions.routes}): each route, a success and a refusal.
 */
class BorderRoutesTest {
    private static final String SAMPLE_SECRET = "PUBLIC-SAMPLE-SRS-SECRET-replace-me-with-bin-border-srs-keygen";
    private static BorderJames james;
    private static BorderRoutes routes;

    @BeforeAll
    static void start() throws Exception {
        james = BorderJames.builder().start();
        routes = BorderRoutes.of(james);
    }

    @AfterAll
    static void stop() throws Exception {
        if (james != null) {
            james.close();
        }
    }

    private static void assertError(BorderRoutes.Answer answer, int status, String type, String messagePart)
        throws Exception {
        assertThat(answer.status).as("%s", answer).isEqualTo(status);
        JsonNode error = answer.json();
        assertThat(error.get("statusCode").asInt()).isEqualTo(status);
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("message").asText()).contains(messagePart);
    }

    @Nested
    class Policy {
        @Test
        void recipientEntryWinsOverItsRemoteDomain() throws Exception {
            BorderRoutes.Answer answer = routes.get("/border/policy/recipients/Text-Reader@partner.example.net");

            assertThat(answer.status).as("%s", answer).isEqualTo(200);
            assertThat(answer.contentType).startsWith("application/json");
            JsonNode json = answer.json();
            assertThat(json.get("decidedBy").asText()).isEqualTo("RECIPIENT_ENTRY");
            assertThat(json.get("recipientEntry").get("name").asText()).isEqualTo("Plain-text reader");
            assertThat(json.get("remoteDomain").get("name").asText()).isEqualTo("Default");
            assertThat(json.get("settings").get("ContentType").asText()).isEqualTo("MimeText");
            assertThat(json.get("settings").get("TNEFEnabled").asBoolean()).isFalse();
            assertThat(json.get("policyFile").asText()).isEqualTo("file://conf/remotedomains.xml");
        }

        @Test
        void mostSpecificWildcardWinsForASubdomain() throws Exception {
            JsonNode json = routes.get("/border/policy/domains/mobile.carrier.example.jp").json();

            assertThat(json.get("decidedBy").asText()).isEqualTo("WILDCARD");
            assertThat(json.get("remoteDomain").get("domain").asText()).isEqualTo("*.carrier.example.jp");
            assertThat(json.get("alsoMatching").findValuesAsText("name")).containsExactly("Default");
            assertThat(json.get("settings").get("CharacterSet").asText()).isEqualTo("ISO-2022-JP");
        }

        @Test
        void aChangedPolicyFileShowsAtOnce() throws Exception {
            Path policy = james.workingDirectory().resolve("conf/remotedomains.xml");
            String original = Files.readString(policy);
            try {
                Files.writeString(policy, original.replace("domain=\"plaintext.example.net\"",
                    "domain=\"plaintext.example.org\""));

                JsonNode json = routes.get("/border/policy/domains/plaintext.example.org").json();

                assertThat(json.get("remoteDomain").get("name").asText()).isEqualTo("Plain-text partner");
            } finally {
                Files.writeString(policy, original);
            }
        }

        @Test
        void aPlusInTheAddressStaysAPlus() throws Exception {
            assertThat(routes.get("/border/policy/recipients/a+tag@plaintext.example.net").json().get("address")
                .asText()).isEqualTo("a+tag@plaintext.example.net");
            assertThat(routes.get("/border/policy/recipients/a%2Btag@plaintext.example.net").json().get("address")
                .asText()).isEqualTo("a+tag@plaintext.example.net");
        }

        @Test
        void refusesAnAddressWithoutDomain() throws Exception {
            assertError(routes.get("/border/policy/recipients/no-at-sign"), 400, "InvalidArgument",
                "Invalid parameter 'address'");
        }

        @Test
        void refusesAnInvalidDomain() throws Exception {
            assertError(routes.get("/border/policy/domains/" + encode("bad_domain!")), 400, "InvalidArgument",
                "Invalid parameter 'domain'");
        }
    }

    @Nested
    class Srs {
        @Test
        void forwardThenReverse() throws Exception {
            JsonNode forward = routes.get("/border/srs/forward?sender=" + encode("someone@example.org")
                + "&forwarder=" + encode(BorderJames.ALICE)).json();
            String address = forward.get("address").asText();
            assertThat(forward.get("rewritten").asBoolean()).isTrue();
            assertThat(address).startsWith("alice+SRS=").endsWith("=example.org=someone@border.test");

            JsonNode reverse = routes.get("/border/srs/reverse?address=" + encode(address)).json();

            assertThat(reverse.get("reversible").asBoolean()).isTrue();
            assertThat(reverse.get("kind").asText()).isEqualTo("FORWARD");
            assertThat(reverse.get("bounceRecipient").asText()).isEqualTo("someone@example.org");
            assertThat(reverse.get("forwardingAddress").asText()).isEqualTo(BorderJames.ALICE);
        }

        @Test
        void relayedMailGetsTheBouncesForm() throws Exception {
            JsonNode forward = routes.get("/border/srs/forward?sender=" + encode("someone@example.org")).json();

            assertThat(forward.get("address").asText()).startsWith("bounces+SRS=").endsWith("@border.test");
        }

        @Test
        void reverseSaysWhyAnAlteredAddressIsRefused() throws Exception {
            String address = routes.get("/border/srs/forward?sender=" + encode("someone@example.org")
                + "&forwarder=" + encode(BorderJames.ALICE)).json().get("address").asText();
            String altered = address.replace("=someone@", "=mallory@");

            JsonNode reverse = routes.get("/border/srs/reverse?address=" + encode(altered)).json();

            assertThat(reverse.get("reversible").asBoolean()).isFalse();
            assertThat(reverse.get("reason").asText()).isEqualTo("BAD_HASH");
            assertThat(reverse.get("message").asText()).isNotEmpty();
        }

        @Test
        void forwardWithoutSenderIsRefused() throws Exception {
            assertError(routes.get("/border/srs/forward"), 400, "InvalidArgument", "Invalid parameter 'sender'");
        }

        @Test
        void reverseWithoutAddressIsRefused() throws Exception {
            assertError(routes.get("/border/srs/reverse"), 400, "InvalidArgument", "Invalid parameter 'address'");
        }

        @Test
        void secretsShowFingerprintsNeverTheSecret() throws Exception {
            BorderRoutes.Answer answer = routes.get("/border/srs/secrets");

            assertThat(answer.status).isEqualTo(200);
            assertThat(answer.text()).doesNotContain(SAMPLE_SECRET).doesNotContain("PUBLIC-SAMPLE");
            JsonNode file = answer.json().get("files").get(0);
            assertThat(file.get("secretsFile").asText()).isEqualTo("file://conf/srs-secrets");
            assertThat(file.get("usedBy").toString()).contains("RewriteSenderSrs", "ReverseSrs");
            assertThat(file.get("count").asInt()).isEqualTo(1);
            assertThat(file.get("publicSampleInUse").asBoolean()).isTrue();
            JsonNode secret = file.get("secrets").get(0);
            assertThat(secret.get("fingerprint").asText()).matches("[0-9a-f]{8}");
            assertThat(secret.get("role").asText()).isEqualTo("SIGNS_AND_VERIFIES");
        }

        @Test
        void secretsOfAMissingFileAreAServerError() throws Exception {
            Path secrets = james.workingDirectory().resolve("conf/srs-secrets");
            byte[] original = Files.readAllBytes(secrets);
            Files.delete(secrets);
            try {
                assertError(routes.get("/border/srs/secrets"), 500, "ServerError", "file://conf/srs-secrets");
            } finally {
                Files.write(secrets, original);
            }
        }
    }

    @Nested
    class MessageIds {
        @Test
        void anInternalIdIsCheckedThenItsPublicFormMappedBack() throws Exception {
            JsonNode check = routes.get("/border/message-ids/check?id=" + encode("<1234.abc@exch01.corp.local>"))
                .json();
            assertThat(check.get("kind").asText()).isEqualTo("INTERNAL");
            assertThat(check.get("syntax").asText()).isEqualTo("VALID");
            String publicId = check.get("leavesAs").asText();
            assertThat(publicId).matches("<sample\\.[a-z2-7]+@border\\.test>");

            JsonNode internal = routes.get("/border/message-ids/internal?id=" + encode(publicId)).json();

            assertThat(internal.get("internalId").asText()).isEqualTo("<1234.abc@exch01.corp.local>");
            JsonNode recheck = routes.get("/border/message-ids/check?id=" + encode(publicId)).json();
            assertThat(recheck.get("kind").asText()).isEqualTo("PUBLIC");
            assertThat(recheck.get("verifies").asBoolean()).isTrue();
        }

        @Test
        void aForgedPublicIdIsNotMapped() throws Exception {
            assertError(routes.get("/border/message-ids/internal?id="
                + encode("<sample.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@border.test>")), 404, "notFound",
                "does not verify");
        }

        @Test
        void aForeignIdIsNotOurs() throws Exception {
            JsonNode check = routes.get("/border/message-ids/check?id=" + encode("<x@mail.example.org>")).json();

            assertThat(check.get("kind").asText()).isEqualTo("FOREIGN");
            assertError(routes.get("/border/message-ids/internal?id=" + encode("<x@mail.example.org>")), 404,
                "notFound", "not a public Message-ID");
        }

        @Test
        void aMissingIdIsRefused() throws Exception {
            assertError(routes.get("/border/message-ids/check"), 400, "InvalidArgument", "Invalid parameter 'id'");
        }
    }

    @Nested
    class Convert {
        private final byte[] html = ("From: alice@border.test\r\nTo: text-reader@partner.example.net\r\n"
            + "Subject: preview\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "<html><body><p>Hello <b>world</b></p></body></html>\r\n").getBytes(StandardCharsets.UTF_8);

        @Test
        void showsWhatThePlainTextReaderReceives() throws Exception {
            BorderRoutes.Answer answer = routes.post("/border/convert?recipient="
                + encode("text-reader@partner.example.net"), html, null);

            assertThat(answer.status).as("%s", answer).isEqualTo(200);
            JsonNode json = answer.json();
            assertThat(json.get("recipientEntry").asText()).isEqualTo("Plain-text reader");
            assertThat(json.get("conversion").get("modified").asBoolean()).isTrue();
            assertThat(json.get("message").asText()).containsIgnoringCase("Content-Type: text/plain")
                .contains("Hello").doesNotContain("<b>");
        }

        @Test
        void givesTheOctetsForMessageRfc822() throws Exception {
            BorderRoutes.Answer answer = routes.post("/border/convert?recipient="
                + encode("text-reader@partner.example.net"), html, "message/rfc822");

            assertThat(answer.status).isEqualTo(200);
            assertThat(answer.contentType).startsWith("message/rfc822");
            assertThat(answer.text()).containsIgnoringCase("Content-Type: text/plain").doesNotContain("<b>");
        }

        @Test
        void refusesAMessageOverTheLimit() throws Exception {
            byte[] big = new byte[10 * 1024 * 1024 + 1];
            Arrays.fill(big, (byte) 'a');

            assertError(routes.post("/border/convert?recipient=" + encode("someone@example.net"), big, null), 413,
                "InvalidArgument", "larger than");
        }

        @Test
        void refusesAMessageSentAsAForm() throws Exception {
            // curl --data-binary without -H 'Content-Type: message/rfc822': the container reads it as form fields
            assertError(routes.post("/border/convert?recipient=" + encode("text-reader@partner.example.net"), html,
                null, "application/x-www-form-urlencoded"), 415, "InvalidArgument", "Content-Type: message/rfc822");
        }

        @Test
        void refusesAMissingRecipient() throws Exception {
            assertError(routes.post("/border/convert", html, null), 400, "InvalidArgument",
                "Invalid parameter 'recipient'");
        }
    }
}
