package org.bordertransport.cli.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

import org.bordertransport.core.policy.AllowedOOFType;
import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.MessageBodyFormat;
import org.bordertransport.core.policy.MessageFormat;
import org.bordertransport.core.policy.PreferredInternetCodePageForShiftJis;
import org.bordertransport.core.policy.RecipientEntry;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainPolicyLoader;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.bordertransport.core.policy.UseMapiRichTextFormat;
import org.junit.jupiter.api.Test;

class ExchangeImportTest {
    private static final String RD_HEADER = "\"Name\",\"DomainName\",";

    private final ImportReport report = new ImportReport();

    @Test
    void mapsTheRemoteDomainsAsTheDocumentationSays() throws Exception {
        RemoteDomainPolicy policy = load(run(Samples.REMOTE_DOMAINS_CLIXML, null));

        assertThat(policy.remoteDomains()).extracting(d -> d.name() + " " + d.pattern())
            .containsExactly("Default *", "Japanese carrier *.carrier.example.jp", "Partner partner.example.net",
                "Restricted freemail.example.com");
        RemoteDomainSettings byDefault = policy.defaultDomain().settings();
        assertThat(byDefault).isEqualTo(RemoteDomainSettings.builder().set("CharacterSet", "iso-8859-1")
            .set("NonMimeCharacterSet", "iso-8859-1").autoReplyEnabled(false).autoForwardEnabled(false).build());
        RemoteDomainSettings japan = policy.settingsFor("mx.carrier.example.jp");
        assertThat(japan.contentType()).isEqualTo(ContentType.MIME_TEXT);
        assertThat(japan.characterSet().get().name()).isEqualTo("ISO-2022-JP");
        assertThat(japan.nonMimeCharacterSet().get().name()).isEqualTo("ISO-2022-JP");
        assertThat(japan.preferredInternetCodePageForShiftJis()).isEqualTo(PreferredInternetCodePageForShiftJis.CP_50220);
        assertThat(japan.byteEncoderTypeFor7BitCharsets()).isEqualTo(ByteEncoderTypeFor7BitCharsets.USE_7BIT);
        assertThat(japan.lineWrapSize()).isEqualTo(OptionalInt.of(72));
        RemoteDomainSettings partner = policy.settingsFor("partner.example.net");
        assertThat(partner.tnefEnabled()).contains(true);
        assertThat(partner.ndrDiagnosticInfoEnabled()).isFalse();
        assertThat(partner.lineWrapSize()).isEqualTo(OptionalInt.of(76));
        RemoteDomainSettings restricted = policy.settingsFor("freemail.example.com");
        assertThat(restricted.allowedOOFType()).isEqualTo(AllowedOOFType.NONE);
        assertThat(restricted.autoForwardEnabled()).isFalse();
        assertThat(restricted.autoReplyEnabled()).isFalse();
        assertThat(restricted.deliveryReportEnabled()).isFalse();
        assertThat(restricted.ndrEnabled()).isTrue();
        assertThat(restricted.tnefEnabled()).contains(false);
        assertThat(restricted.useSimpleDisplayName()).isTrue();
    }

    @Test
    void leavesDefaultsOutAndNamesWhatIsNotTakenOver() throws Exception {
        String xml = run(Samples.REMOTE_DOMAINS_CLIXML, null).xml();

        assertThat(xml).contains("<remoteDomain name=\"Japanese carrier\" domain=\"*.carrier.example.jp\">\n"
            + "    <ContentType>MimeText</ContentType>\n"
            + "    <CharacterSet>iso-2022-jp</CharacterSet>\n"
            + "    <NonMimeCharacterSet>iso-2022-jp</NonMimeCharacterSet>\n"
            + "    <LineWrapSize>72</LineWrapSize>\n"
            + "    <ByteEncoderTypeFor7BitCharsets>Use7Bit</ByteEncoderTypeFor7BitCharsets>\n"
            + "    <PreferredInternetCodePageForShiftJis>50220</PreferredInternetCodePageForShiftJis>\n"
            + "  </remoteDomain>")
            .contains("<remoteDomain name=\"Partner\" domain=\"partner.example.net\">\n"
                + "    <!-- not taken over: TrustedMailOutboundEnabled True (no equivalent) -->\n")
            .doesNotContain("<TNEFEnabled>false</TNEFEnabled>\n  </remoteDomain>\n\n  <remoteDomain name=\"Japanese")
            .doesNotContain("Unlimited").doesNotContain("MimeHtmlText").doesNotContain("Undefined");
        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.unmapped()).filteredOn(ImportReport.Finding::lost).singleElement()
            .satisfies(f -> assertThat(f.json().toString()).isEqualTo("{\"object\":\"remoteDomain\",\"name\":\"Partner\","
                + "\"domain\":\"partner.example.net\",\"property\":\"TrustedMailOutboundEnabled\",\"value\":\"True\","
                + "\"exchangeDefault\":false}"));
        // six properties without equivalent per remote domain, all reported
        assertThat(report.unmapped()).hasSize(24).extracting(ImportReport.Finding::property)
            .contains("TargetDeliveryDomain", "MeetingForwardNotificationEnabled", "RequiredCharsetCoverage",
                "TrustedMailInboundEnabled", "MessageCountThreshold");
        assertThat(report.invalid()).isEmpty();
        assertThat(report.ignored()).contains("Identity", "Guid", "WhenChanged", "DistinguishedName", "RunspaceId")
            .doesNotContain("Name", "DomainName", "ContentType");
        assertThat(report.lines()).contains("warning: remote domain 'Partner' (partner.example.net): "
            + "TrustedMailOutboundEnabled 'True' has no equivalent here: not taken over");
    }

    @Test
    void clixmlAndCsvGiveTheSameFile() throws Exception {
        String clixml = run(Samples.REMOTE_DOMAINS_CLIXML, Samples.CONTACTS_CLIXML).xml();
        ImportReport csvReport = new ImportReport();
        String csv = ExchangeImport.run(source(Samples.REMOTE_DOMAINS_CSV), source(Samples.CONTACTS_CSV), "out.xml",
            csvReport).xml();

        assertThat(body(csv)).isEqualTo(body(clixml));
        assertThat(csvReport.lost()).isEqualTo(report.lost());
        assertThat(csvReport.unmapped()).hasSameSizeAs(report.unmapped());
    }

    @Test
    void mapsTheMailContacts() throws Exception {
        ExchangeImport result = run(null, Samples.CONTACTS_CLIXML);
        RemoteDomainPolicy policy = load(result);

        assertThat(result.recipients()).isEqualTo(2);
        assertThat(policy.recipients()).extracting(RecipientEntry::name, RecipientEntry::address)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("Plain-text reader", "text-reader@partner.example.net"),
                org.assertj.core.groups.Tuple.tuple("Mainframe desk", "desk@mainframe.example.org"));
        RecipientEntry reader = policy.recipients().get(0);
        assertThat(reader.settings().useMapiRichTextFormat()).isEqualTo(UseMapiRichTextFormat.NEVER);
        assertThat(reader.settings().usePreferMessageFormat()).isTrue();
        assertThat(reader.settings().messageFormat()).isEqualTo(MessageFormat.MIME);
        assertThat(reader.settings().messageBodyFormat()).isEqualTo(MessageBodyFormat.TEXT);
        RecipientEntry desk = policy.recipients().get(1);
        assertThat(desk.settings().messageFormat()).isEqualTo(MessageFormat.TEXT);
        assertThat(desk.settings().useMapiRichTextFormat()).isEqualTo(UseMapiRichTextFormat.USE_DEFAULT_SETTINGS);
        assertThat(result.xml()).contains("<recipient name=\"Plain-text reader\" address=\"text-reader@partner.example.net\">\n"
            + "    <UseMapiRichTextFormat>Never</UseMapiRichTextFormat>\n"
            + "    <UsePreferMessageFormat>true</UsePreferMessageFormat>\n"
            + "    <MessageFormat>Mime</MessageFormat>\n"
            + "    <MessageBodyFormat>Text</MessageBodyFormat>\n"
            + "  </recipient>");
        assertThat(report.lost()).isZero();
        assertThat(report.unmapped()).extracting(ImportReport.Finding::property)
            .containsExactly("MacAttachmentFormat", "MacAttachmentFormat");
        assertThat(report.ignored()).contains("Alias", "EmailAddresses", "CustomAttribute1")
            .doesNotContain("ExternalEmailAddress", "PrimarySmtpAddress", "UseMapiRichTextFormat");
    }

    @Test
    void contactsAtTheDefaultsNeedNoEntryAndOthersAreChecked() throws Exception {
        String csv = "\"Name\",\"ExternalEmailAddress\",\"PrimarySmtpAddress\",\"UseMapiRichTextFormat\","
            + "\"UsePreferMessageFormat\",\"MessageFormat\",\"MessageBodyFormat\",\"MacAttachmentFormat\"\n"
            + "\"Plain\",\"SMTP:plain@a.example\",\"plain@a.example\",\"UseDefaultSettings\",\"False\",\"Text\",\"Text\",\"BinHex\"\n"
            + "\"Ignored formats\",\"SMTP:b@a.example\",\"b@a.example\",\"UseDefaultSettings\",\"False\",\"Mime\",\"Html\",\"BinHex\"\n"
            + "\"Always\",\"\",\"ALWAYS@A.example\",\"Always\",\"False\",\"Mime\",\"TextAndHtml\",\"UuEncode\"\n"
            + "\"X500 contact\",\"X500:/o=Corp/ou=Exchange/cn=Recipients/cn=x\",\"\",\"Never\",\"False\",\"Mime\",\"Text\",\"BinHex\"\n"
            + "\"Text html\",\"SMTP:th@a.example\",\"th@a.example\",\"Never\",\"True\",\"Text\",\"Html\",\"BinHex\"\n"
            + "\"Rtf\",\"SMTP:rtf@a.example\",\"rtf@a.example\",\"Sometimes\",\"True\",\"Mime\",\"Rtf\",\"BinHex\"\n"
            + "\"Always\",\"smtp:other@a.example\",\"other@a.example\",\"Always\",\"False\",\"Mime\",\"Text\",\"BinHex\"\n";

        ExchangeImport result = ExchangeImport.run(null, source(csv, "c.csv"), "out.xml", report);
        RemoteDomainPolicy policy = load(result);

        assertThat(result.contactsWithoutEntry()).isEqualTo(2);
        assertThat(policy.recipients()).extracting(RecipientEntry::name)
            .containsExactly("Always", "Text html", "Rtf", "other@a.example");
        assertThat(policy.recipients().get(0).address()).isEqualTo("ALWAYS@A.example");
        assertThat(policy.recipients().get(0).settings().useMapiRichTextFormat()).isEqualTo(UseMapiRichTextFormat.ALWAYS);
        // MessageFormat Text with MessageBodyFormat Html: Exchange refuses it; MessageBodyFormat is left out (Text)
        assertThat(policy.recipients().get(1).settings().messageBodyFormat()).isEqualTo(MessageBodyFormat.TEXT);
        assertThat(policy.recipients().get(2).settings().messageBodyFormat()).isEqualTo(MessageBodyFormat.TEXT_AND_HTML);
        assertThat(report.invalid()).extracting(f -> f.property() + " " + f.value()).containsExactly(
            "ExternalEmailAddress X500:/o=Corp/ou=Exchange/cn=Recipients/cn=x", "MessageBodyFormat Html",
            "UseMapiRichTextFormat Sometimes", "MessageBodyFormat Rtf");
        assertThat(report.unmapped()).filteredOn(ImportReport.Finding::lost).extracting(ImportReport.Finding::value)
            .containsExactly("UuEncode");
        assertThat(report.lost()).isEqualTo(5);
        assertThat(report.notes()).containsExactly("mail contact 'Always' <other@a.example>: the name is already used "
            + "by mail contact 'Always' (object 3): the entry is named by its address");
        assertThat(result.xml()).contains("<!-- not taken over: MacAttachmentFormat UuEncode (no equivalent) -->");
    }

    @Test
    void reportsAValueItCannotMapAndLeavesItOut() throws Exception {
        ExchangeImport result = run(Samples.UNKNOWN_ENUM, null);

        assertThat(report.invalid()).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("ContentType");
            assertThat(f.value()).isEqualTo("MimeHtmlRtf");
            assertThat(f.json().toString()).contains("\"reason\":\"invalid ContentType 'MimeHtmlRtf': allowed "
                + "MimeHtmlText, MimeText, MimeHtml\"");
        });
        assertThat(load(result).settingsFor("partner.example.net").contentType()).isEqualTo(ContentType.MIME_HTML_TEXT);
        assertThat(result.xml()).contains("<!-- not taken over: ContentType MimeHtmlRtf (cannot be mapped) -->");
        assertThat(report.lost()).isEqualTo(1);
    }

    @Test
    void checksEveryValueWithTheLoadersParsers() throws Exception {
        String csv = RD_HEADER + "\"LineWrapSize\",\"CharacterSet\",\"PreferredInternetCodePageForShiftJis\","
            + "\"TrustedMailInboundEnabled\",\"SomeFutureSetting\",\"OtherFutureSetting\",\"IsInternal\"\n"
            + "\"Legacy\",\"legacy.example\",\"200\",\"DIN_66003\",\"Iso2022Jp\",\"True\",\"Value\",\"\",\"True\"\n"
            + "\"Bad domain\",\"mail.*.example\",\"72\",\"\",\"\",\"False\",\"\",\"\",\"False\"\n";

        ExchangeImport result = ExchangeImport.run(source(csv, "d.csv"), null, "out.xml", report);

        assertThat(report.invalid()).extracting(f -> f.property() + " " + f.value()).containsExactly(
            "LineWrapSize 200", "CharacterSet DIN_66003", "DomainName mail.*.example");
        assertThat(report.unmapped()).filteredOn(ImportReport.Finding::lost)
            .extracting(f -> f.property() + " " + f.value() + " " + f.exchangeDefault())
            .containsExactly("TrustedMailInboundEnabled True false", "SomeFutureSetting Value null");
        // the Exchange 2010 spelling Iso2022Jp is written as 50220
        assertThat(result.xml()).contains("<PreferredInternetCodePageForShiftJis>50220</PreferredInternetCodePageForShiftJis>")
            .contains("<IsInternal>true</IsInternal>");
        assertThat(result.remoteDomains()).isEqualTo(1);
        assertThat(load(result).remoteDomains()).extracting(d -> d.name()).containsExactly("Default", "Legacy");
    }

    @Test
    void refusesTwoRemoteDomainsForOneDomain() {
        assertThatThrownBy(() -> run(Samples.DUPLICATE, null))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.DUPLICATE))
            .hasMessage("remotedomains-duplicate.clixml: remote domains 'Partner' (object 3) and 'Partner again' "
                + "(object 4) have one DomainName 'partner.example.net': Exchange allows one remote domain per domain");
    }

    @Test
    void refusesTwoContactsWithOneAddress() {
        String csv = "\"Name\",\"ExternalEmailAddress\",\"UseMapiRichTextFormat\"\n\"A\",\"SMTP:a@x.example\",\"Never\"\n"
            + "\"B\",\"SMTP:A@X.example\",\"Always\"\n";
        assertThatThrownBy(() -> ExchangeImport.run(null, source(csv, "c.csv"), "out.xml", report))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.DUPLICATE))
            .hasMessage("c.csv: mail contacts 'A' (object 1) and 'B' (object 2) have one address 'A@X.example' "
                + "(addresses are compared case-insensitively)");
    }

    @Test
    void refusesAnExportOfTheOtherCmdlet() {
        assertThatThrownBy(() -> run(Samples.CONTACTS_CLIXML, null))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.WRONG_KIND))
            .hasMessage("mailcontacts.clixml: not a Get-RemoteDomain export: no DomainName property (the objects are "
                + "Deserialized.Microsoft.Exchange.Data.Directory.Management.MailContact)");
        assertThatThrownBy(() -> run(null, Samples.REMOTE_DOMAINS_CSV))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.WRONG_KIND))
            .hasMessageStartingWith("remotedomains.csv: not a Get-MailContact export");
    }

    @Test
    void refusesWhatTheLoaderRefuses() {
        // without a Default (DomainName *) the loader adds its own, named Default: another one by that name is refused
        String csv = RD_HEADER + "\"ContentType\"\n\"Default\",\"example.com\",\"MimeText\"\n";
        assertThatThrownBy(() -> ExchangeImport.run(source(csv, "d.csv"), null, "out.xml", report))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.REFUSED))
            .hasMessageStartingWith("the remote-domain loader refuses the generated file: out.xml: remote domain "
                + "'Default': the name 'Default' is kept for the built-in Default");
    }

    @Test
    void escapesNamesAndComments() throws Exception {
        String csv = RD_HEADER + "\"TrustedMailOutboundEnabled\"\n\"R&D <\"\"lab\"\">\",\"lab.example\",\"x--y-\"\n";
        ExchangeImport result = ExchangeImport.run(source(csv, "d.csv"), null, "out.xml", report);

        assertThat(result.xml()).contains("<remoteDomain name=\"R&amp;D &lt;&quot;lab&quot;&gt;\" domain=\"lab.example\">")
            .contains("<!-- not taken over: TrustedMailOutboundEnabled x- -y- (no equivalent) -->");
        assertThat(load(result).remoteDomains().get(1).name()).isEqualTo("R&D <\"lab\">");
        assertThat(Optional.of(report.lost())).contains(1);
    }

    @Test
    void shortensLongValuesInTheReport() throws Exception {
        String csv = RD_HEADER + "\"FutureSetting\",\"ContentType\"\n\"Long\",\"long.example\",\"" + "x".repeat(5000)
            + "\",\"" + "y".repeat(5000) + "\"\n";

        ExchangeImport result = ExchangeImport.run(source(csv, "d.csv"), null, "out.xml", report);

        assertThat(report.unmapped()).singleElement().satisfies(f -> assertThat(f.value()).hasSize(203).endsWith("..."));
        assertThat(report.invalid()).singleElement().satisfies(f -> {
            assertThat(f.value()).hasSize(203);
            assertThat(f.json().toString()).hasSizeLessThan(1500);
        });
        assertThat(result.xml()).hasSizeLessThan(2000);
    }

    private ExchangeImport run(String remoteDomains, String contacts) throws ExportException {
        return ExchangeImport.run(remoteDomains == null ? null : source(remoteDomains),
            contacts == null ? null : source(contacts), "out.xml", report);
    }

    private static ExchangeImport.Source source(String sample) throws ExportException {
        return new ExchangeImport.Source(sample, Samples.read(sample));
    }

    private static ExchangeImport.Source source(String text, String name) throws ExportException {
        return new ExchangeImport.Source(name, Samples.read(text, name));
    }

    private static RemoteDomainPolicy load(ExchangeImport result) {
        return RemoteDomainPolicyLoader.parse(new ByteArrayInputStream(result.xml().getBytes(StandardCharsets.UTF_8)),
            "out.xml");
    }

    /** The file without its header comment (which names the exports). */
    private static String body(String xml) {
        return xml.substring(xml.indexOf("<remoteDomains>"));
    }
}
