package org.bordertransport.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-recipient entries ({@code <recipient>}): loading, validation, precedence over the remote domains. */
class RecipientEntriesTest {
    private static final String DOMAINS = "  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Partner\" domain=\"*.partner.example\">\n"
        + "    <ContentType>MimeHtml</ContentType><LineWrapSize>72</LineWrapSize>\n  </remoteDomain>\n"
        + "  <remoteDomain name=\"Partner mail\" domain=\"mail.partner.example\"><CharacterSet>iso-8859-1</CharacterSet>"
        + "</remoteDomain>\n"
        + "  <remoteDomain name=\"TNEF on\" domain=\"tnef.example\"><TNEFEnabled>true</TNEFEnabled></remoteDomain>\n"
        + "  <remoteDomain name=\"TNEF off\" domain=\"notnef.example\"><TNEFEnabled>false</TNEFEnabled></remoteDomain>\n";

    private static RemoteDomainPolicy parse(String recipients) {
        String xml = "<remoteDomains>\n" + DOMAINS + recipients + "\n</remoteDomains>\n";
        return RemoteDomainPolicyLoader.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
            "remotedomains.xml");
    }

    private static String text(String address) {
        return "<recipient name=\"Text reader\" address=\"" + address + "\"><UsePreferMessageFormat>true"
            + "</UsePreferMessageFormat><MessageBodyFormat>Text</MessageBodyFormat></recipient>";
    }

    @Nested
    class Precedence {
        @Test
        void aRecipientEntryShouldOverrideOnlyItsSettingsOnTopOfTheMostSpecificRemoteDomain() {
            RemoteDomainPolicy policy = parse(text("bob@mail.partner.example"));
            RecipientResolution bob = policy.resolveRecipient("bob", "mail.partner.example");

            assertThat(bob.remoteDomain().name()).isEqualTo("Partner mail");
            assertThat(bob.recipient()).map(RecipientEntry::name).contains("Text reader");
            assertThat(bob.settings()).isEqualTo(policy.find("Partner mail").get().settings().toBuilder()
                .contentType(ContentType.MIME_TEXT).build());
            assertThat(bob.settings().characterSet()).map(Object::toString).contains("ISO-8859-1");
            assertThat(bob.settings().lineWrapSize()).isEmpty(); // from the exact domain, not from *.partner.example

            RecipientResolution carol = policy.resolveRecipient("carol", "mail.partner.example");
            assertThat(carol.recipient()).isEmpty();
            assertThat(carol.settings()).isSameAs(policy.find("Partner mail").get().settings());
        }

        @Test
        void aRecipientUnderAWildcardOrTheDefaultShouldGetThatRemoteDomainsOtherSettings() {
            RemoteDomainPolicy policy = parse(text("bob@x.partner.example")
                + "<recipient address=\"eve@elsewhere.example\"><UsePreferMessageFormat>true</UsePreferMessageFormat>"
                + "<MessageFormat>Text</MessageFormat></recipient>");

            RemoteDomainSettings bob = policy.settingsForRecipient("bob@x.partner.example");
            assertThat(bob.contentType()).isEqualTo(ContentType.MIME_TEXT);
            assertThat(bob.lineWrapSize()).hasValue(72);
            assertThat(policy.settingsForRecipient("alice@x.partner.example").contentType())
                .isEqualTo(ContentType.MIME_HTML);

            RecipientResolution eve = policy.resolveRecipient("eve@elsewhere.example");
            assertThat(eve.remoteDomain().isDefault()).isTrue();
            assertThat(eve.recipient()).map(RecipientEntry::name).contains("eve@elsewhere.example");
            assertThat(eve.settings().messageFormat()).isEqualTo(MessageFormat.TEXT);
            assertThat(eve.settings().contentType()).isEqualTo(ContentType.MIME_TEXT);
        }

        @Test
        void theLocalPartShouldMatchCaseInsensitivelyAndQuotesThatAreNotNeededShouldNotMatter() {
            RemoteDomainPolicy policy = parse(text("Bob.Smith@Mail.Partner.Example"));
            for (String local : new String[] {"bob.smith", "BOB.SMITH", "\"bob.smith\"", "\"Bob\\.Smith\""}) {
                assertThat(policy.resolveRecipient(local, "mail.partner.example.").recipient()).as(local).isPresent();
            }
            for (String address : new String[] {"bob.smith+news@mail.partner.example", "bobsmith@mail.partner.example",
                "bob.smith@partner.example", "bob.smith@x.mail.partner.example", "\"bob smith\"@mail.partner.example",
                "no address", ""}) {
                assertThat(policy.resolveRecipient(address).recipient()).as(address).isEmpty();
            }
        }

        @Test
        void aQuotedLocalPartThatNeedsItsQuotesShouldMatchOnlyItself() {
            RemoteDomainPolicy policy = parse(text("&quot;John Doe&quot;@partner.example"));
            assertThat(policy.resolveRecipient("\"john doe\"", "partner.example").recipient()).isPresent();
            assertThat(policy.resolveRecipient("\"john doe\"@partner.example").recipient()).isPresent();
            assertThat(policy.resolveRecipient("john.doe", "partner.example").recipient()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
            // remote domain, UseMapiRichTextFormat, effective TNEFEnabled (empty: unset)
            "elsewhere.example, Always, true",
            "elsewhere.example, Never, false",
            "elsewhere.example, UseDefaultSettings, ''",
            // a remote domain that sets TNEFEnabled wins over the mail contact, as in Exchange
            "tnef.example, Never, true",
            "notnef.example, Always, false",
            "tnef.example, UseDefaultSettings, true",
        })
        void useMapiRichTextFormatShouldCountOnlyWhereTheRemoteDomainLeavesTnefUnset(String domain, String value,
                                                                                   String expected) {
            RemoteDomainPolicy policy = parse("<recipient address=\"bob@" + domain + "\"><UseMapiRichTextFormat>" + value
                + "</UseMapiRichTextFormat></recipient>");
            Optional<Boolean> tnef = policy.settingsForRecipient("bob", domain).tnefEnabled();
            assertThat(tnef).isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(Boolean.valueOf(expected)));
        }

        @Test
        void anEntryThatChangesNothingShouldGiveTheRemoteDomainsSettingsSoTheRecipientsShareACopy() {
            RemoteDomainPolicy policy = parse("<recipient address=\"bob@tnef.example\">"
                + "<UseMapiRichTextFormat>Never</UseMapiRichTextFormat></recipient>"
                + "<recipient address=\"ann@x.partner.example\"><UsePreferMessageFormat>true</UsePreferMessageFormat>"
                + "<MessageBodyFormat>Html</MessageBodyFormat></recipient>"
                + "<recipient address=\"joe@elsewhere.example\"/>");
            assertThat(policy.settingsForRecipient("bob@tnef.example"))
                .isSameAs(policy.settingsForRecipient("other@tnef.example"));
            assertThat(policy.settingsForRecipient("ann@x.partner.example"))
                .isSameAs(policy.settingsForRecipient("other@x.partner.example"));
            assertThat(policy.settingsForRecipient("joe@elsewhere.example")).isEqualTo(RemoteDomainSettings.defaults());
            assertThat(policy.resolveRecipient("joe@elsewhere.example").recipient()).isPresent();
        }

        @Test
        void usePreferMessageFormatAloneShouldApplyExchangesDefaultsMimeAndTextAndHtml() {
            RemoteDomainPolicy policy = parse("<recipient address=\"bob@x.partner.example\">"
                + "<UsePreferMessageFormat>true</UsePreferMessageFormat></recipient>");
            RemoteDomainSettings bob = policy.settingsForRecipient("bob@x.partner.example");
            assertThat(bob.contentType()).isEqualTo(ContentType.MIME_HTML_TEXT);
            assertThat(bob.messageFormat()).isEqualTo(MessageFormat.MIME);
        }

        @Test
        void theDomainOnlyLookupShouldStayAsItWas() {
            RemoteDomainPolicy policy = parse(text("bob@x.partner.example"));
            assertThat(policy.resolve("x.partner.example").name()).isEqualTo("Partner");
            assertThat(policy.settingsFor("x.partner.example").contentType()).isEqualTo(ContentType.MIME_HTML);
            assertThat(policy.resolveRecipient("x.partner.example").recipient()).isEmpty();
            assertThat(policy.recipients()).extracting(RecipientEntry::address).containsExactly("bob@x.partner.example");
        }
    }

    @Nested
    class Validation {
        @ParameterizedTest
        @CsvSource(delimiterString = " | ", value = {
            "<recipient/> | recipient at line 9: missing attribute 'address'",
            "<recipient address=\"a@b.example\" domain=\"b.example\"/> | recipient at line 9: unknown attribute 'domain': allowed name, address",
            "<recipient address=\"bob\"/> | recipient 'bob': invalid address 'bob': no @; allowed " + RecipientAddresses.ALLOWED,
            "<recipient address=\"bob@*.partner.example\"/> | recipient 'bob@*.partner.example': invalid address 'bob@*.partner.example': the domain '*.partner.example' is a wildcard; allowed " + RecipientAddresses.ALLOWED,
            "<recipient address=\"bob@localhost\"/> | recipient 'bob@localhost': invalid address 'bob@localhost': the domain 'localhost' is not a fully qualified domain name; allowed " + RecipientAddresses.ALLOWED,
            "<recipient address=\"bob smith@a.example\"/> | recipient 'bob smith@a.example': invalid address 'bob smith@a.example': the local part 'bob smith' is neither a dot-atom nor a quoted string; allowed " + RecipientAddresses.ALLOWED,
            "<recipient address=\"b..ob@a.example\"/> | recipient 'b..ob@a.example': invalid address 'b..ob@a.example': the local part 'b..ob' is neither a dot-atom nor a quoted string; allowed " + RecipientAddresses.ALLOWED,
            "<recipient address=\"@a.example\"/> | recipient '@a.example': invalid address '@a.example': the local part '' is neither a dot-atom nor a quoted string; allowed " + RecipientAddresses.ALLOWED,
            "<recipient name=\"\" address=\"a@a.example\"/> | recipient 'a@a.example': invalid name '': allowed 1-64 characters without control characters",
            "<recipient address=\"a@a.example\"/><recipient address=\"A@A.Example.\"/> | recipient 'A@A.Example.': address 'A@A.Example.' is already used by recipient 'a@a.example' (addresses are compared case-insensitively)",
            "<recipient name=\"X\" address=\"a@a.example\"/><recipient name=\"x\" address=\"b@a.example\"/> | duplicate recipient name 'x': names must be unique (case-insensitive)",
            "<recipient address=\"a@a.example\"><LineWrapSize>72</LineWrapSize></recipient> | recipient 'a@a.example': setting 'LineWrapSize' belongs to the remote domain, not to a recipient: allowed UseMapiRichTextFormat, UsePreferMessageFormat, MessageFormat, MessageBodyFormat (Exchange's mail contact settings)",
            "<recipient address=\"a@a.example\"><MacAttachmentFormat>BinHex</MacAttachmentFormat></recipient> | recipient 'a@a.example': unknown setting 'MacAttachmentFormat': allowed UseMapiRichTextFormat, UsePreferMessageFormat, MessageFormat, MessageBodyFormat",
            "<recipient address=\"a@a.example\"><messageBodyFormat>Text</messageBodyFormat></recipient> | recipient 'a@a.example': unknown setting 'messageBodyFormat': setting names are case-sensitive, did you mean 'MessageBodyFormat'?",
            "<recipient address=\"a@a.example\"><UseMapiRichTextFormat>Sometimes</UseMapiRichTextFormat></recipient> | recipient 'a@a.example': invalid UseMapiRichTextFormat 'Sometimes': allowed Always, Never, UseDefaultSettings",
            "<recipient address=\"a@a.example\"><UsePreferMessageFormat>true</UsePreferMessageFormat><MessageBodyFormat>Rtf</MessageBodyFormat></recipient> | recipient 'a@a.example': invalid MessageBodyFormat 'Rtf': allowed Text, Html, TextAndHtml",
            "<recipient address=\"a@a.example\"><UsePreferMessageFormat>$true</UsePreferMessageFormat></recipient> | recipient 'a@a.example': invalid UsePreferMessageFormat '$true': allowed true, false",
            "<recipient address=\"a@a.example\"><MessageBodyFormat>Text</MessageBodyFormat></recipient> | recipient 'a@a.example': MessageBodyFormat applies only with UsePreferMessageFormat true, as in Exchange: allowed UsePreferMessageFormat true with it, or no MessageBodyFormat",
            "<recipient address=\"a@a.example\"><UsePreferMessageFormat>false</UsePreferMessageFormat><MessageFormat>Text</MessageFormat></recipient> | recipient 'a@a.example': MessageFormat applies only with UsePreferMessageFormat true, as in Exchange: allowed UsePreferMessageFormat true with it, or no MessageFormat",
            "<recipient address=\"a@a.example\"><UsePreferMessageFormat>true</UsePreferMessageFormat><MessageFormat>Text</MessageFormat><MessageBodyFormat>Html</MessageBodyFormat></recipient> | recipient 'a@a.example': invalid MessageBodyFormat 'Html': allowed Text with MessageFormat Text (as in Exchange)",
            "<recipient address=\"a@a.example\"><UseMapiRichTextFormat>Never</UseMapiRichTextFormat><UseMapiRichTextFormat>Always</UseMapiRichTextFormat></recipient> | recipient 'a@a.example': UseMapiRichTextFormat is given twice",
            "<recipient address=\"a@a.example\">text</recipient> | recipient 'a@a.example': unexpected text 'text' (line 9)",
        })
        void badEntriesShouldFailNamingTheEntryTheSettingTheValueAndWhatIsAllowed(String xml, String message) {
            assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remotedomains.xml: " + message);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a@b.example", "first.last@b.example", "o'brien+tag@b.example", "\"john doe\"@b.example",
            "x@xn--bcher-kva.example", "UPPER@B.EXAMPLE."})
        void goodAddressesShouldLoad(String address) {
            String attribute = address.replace("\"", "&quot;");
            assertThat(parse("<recipient address=\"" + attribute + "\"/>").recipients()).hasSize(1);
        }

        @Test
        void anAddressTooLongToBeANameShouldAskForOne() {
            String local = "a".repeat(60);
            assertThatThrownBy(() -> parse("<recipient address=\"" + local + "@b.example\"/>"))
                .hasMessageContaining("invalid name '" + local + "@b.example': allowed 1-64 characters without control "
                    + "characters (without a name the address is the name: give one)");
            assertThat(parse("<recipient name=\"Long\" address=\"" + local + "@b.example\"/>").recipients()).hasSize(1);
            assertThatThrownBy(() -> parse("<recipient name=\"L\" address=\"" + "a".repeat(65) + "@b.example\"/>"))
                .hasMessageContaining("the local part is longer than 64 characters");
        }

        @Test
        void tenThousandRecipientsShouldLoadButNotOneMore() {
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < RemoteDomainPolicyLoader.MAX_RECIPIENTS; i++) {
                many.append("<recipient address=\"r").append(i).append("@b.example\"/>");
            }
            assertThat(parse(many.toString()).recipients()).hasSize(RemoteDomainPolicyLoader.MAX_RECIPIENTS);
            assertThatThrownBy(() -> parse(many + "<recipient address=\"one.more@b.example\"/>"))
                .hasMessage("remotedomains.xml: more than 10000 recipients, the limit for a remote domains file");
        }
    }
}
