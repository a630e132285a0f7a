package org.bordertransport.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertServiceTest {
    private static final String HTML = "From: alice@border.test\r\nTo: x@y\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello <b>world</b></p>\r\n";

    @TempDir
    Path temp;

    private ConvertService service;

    @BeforeEach
    void setUp() throws Exception {
        service = new ConvertService(TestConf.shipped(temp).conf());
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ConvertService.Preview preview) throws Exception {
        try (InputStream in = preview.message().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void htmlBecomesTextForAPlainTextPartner() throws Exception {
        try (ConvertService.Preview preview = service.preview("someone@plaintext.example.net", in(HTML), -1)) {
            assertThat(text(preview)).contains("Content-Type: text/plain").contains("Hello world")
                .doesNotContain("<b>");
            assertThat(preview.summary()).containsEntry("remoteDomain", "Plain-text partner")
                .containsEntry("decidedBy", "EXACT_DOMAIN");
            assertThat(map(preview.summary().get("conversion"))).containsEntry("modified", true)
                .containsEntry("scope", "full");
        }
    }

    @Test
    void aDkimSignedMessageGetsOnlyMandatoryChanges() throws Exception {
        String signed = "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s; h=from; bh=x; b=y\r\n" + HTML;

        try (ConvertService.Preview preview = service.preview("someone@plaintext.example.net", in(signed), -1)) {
            assertThat(preview.summary()).containsEntry("dkimSigned", true);
            assertThat(map(preview.summary().get("conversion"))).containsEntry("scope", "mandatory")
                .containsEntry("modified", false);
            assertThat(text(preview)).isEqualTo(signed);
        }
    }

    @Test
    void tnefIsDecodedForADomainWithoutTnef() throws Exception {
        byte[] tnef = TnefFixture.tnef().codePage(1252).subject("Report", TnefFixture.CP1252)
            .messageProps(TnefFixture.Props.props().unicode(MapiTag.PR_BODY, "Hello Bob"))
            .file("notes.txt", "the notes".getBytes(StandardCharsets.US_ASCII), "text/plain", null).build();
        String message = "From: alice@border.test\r\nTo: x@notnef.example.com\r\nSubject: Report\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
            + "Content-Type: text/plain\r\n\r\nSee the attachment.\r\n--b\r\n"
            + "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--b--\r\n";

        try (ConvertService.Preview preview = service.preview("x@notnef.example.com", in(message), -1)) {
            assertThat(map(preview.summary().get("tnef"))).containsEntry("TNEFEnabled", false)
                .containsEntry("action", "convert").containsEntry("modified", true);
            assertThat(text(preview)).doesNotContain("application/ms-tnef").contains("notes.txt");
        }
        try (ConvertService.Preview preview = service.preview("x@exchange.example.com", in(message), -1)) {
            assertThat(map(preview.summary().get("tnef"))).containsEntry("action", "keep")
                .containsEntry("modified", false);
            assertThat(text(preview)).contains("application/ms-tnef");
        }
    }

    @Test
    void refusesAMessageOverTheLimit() {
        assertThatThrownBy(() -> service.preview("someone@example.net", in(HTML),
            ConvertService.MAX_MESSAGE_OCTETS + 1)).isInstanceOf(RouteException.class)
            .extracting(e -> ((RouteException) e).status()).isEqualTo(413);
        byte[] big = new byte[(int) ConvertService.MAX_MESSAGE_OCTETS + 1];
        assertThatThrownBy(() -> service.preview("someone@example.net", new ByteArrayInputStream(big), -1))
            .isInstanceOf(RouteException.class).hasMessageContaining("larger than")
            .extracting(e -> ((RouteException) e).status()).isEqualTo(413);
    }

    @Test
    void refusesAMissingRecipientOrBody() {
        assertThatThrownBy(() -> service.preview(null, in(HTML), -1))
            .hasMessageStartingWith("Invalid parameter 'recipient'");
        assertThatThrownBy(() -> service.preview("someone@example.net", in(""), 0))
            .hasMessageStartingWith("Invalid parameter 'body'");
    }
}
