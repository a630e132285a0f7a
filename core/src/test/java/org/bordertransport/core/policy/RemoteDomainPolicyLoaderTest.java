package org.bordertransport.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteDomainPolicyLoaderTest {
    private static final String FILE = "remotedomains.xml";

    private static RemoteDomainPolicy parse(String xml) {
        return RemoteDomainPolicyLoader.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), FILE);
    }

    /** One remote domain named 'Partner' for partner.example.com with the given body. */
    private static String partner(String body) {
        return "<remoteDomains>\n  <remoteDomain name=\"Partner\" domain=\"partner.example.com\">\n" + body
            + "\n  </remoteDomain>\n</remoteDomains>\n";
    }

    private static Path sample() throws URISyntaxException {
        return Path.of(RemoteDomainPolicyLoaderTest.class.getResource(FILE).toURI());
    }

    @Nested
    class SampleFile {
        @Test
        void theSampleShouldDefineOneRemoteDomainPerFeature() throws Exception {
            RemoteDomainPolicy policy = RemoteDomainPolicyLoader.load(sample());
            assertThat(policy.remoteDomains().stream().map(RemoteDomain::toString).collect(Collectors.toList()))
                .containsExactly("'Default' (*)", "'Plain-text partner' (plaintext.example.net)",
                    "'HTML-only partner' (html.example.net)", "'Japanese carrier' (*.carrier.example.jp)",
                    "'Legacy 7-bit gateway' (gateway.example.org)", "'Non-MIME text' (mainframe.example.org)",
                    "'Exchange partner (TNEF on)' (exchange.example.com)", "'No TNEF' (notnef.example.com)",
                    "'Internal partner' (*.sister.example)", "'Restricted' (freemail.example.com)");
            assertThat(policy.defaultDomain().settings()).isEqualTo(RemoteDomainSettings.defaults());
        }

        @Test
        void theSampleSettingsShouldResolvePerRecipientDomain() throws Exception {
            RemoteDomainPolicy policy = RemoteDomainPolicyLoader.load(sample());
            assertThat(policy.settingsFor("plaintext.example.net")).isEqualTo(RemoteDomainSettings.builder()
                .contentType(ContentType.MIME_TEXT).lineWrapSize(OptionalInt.of(76)).build());
            assertThat(policy.settingsFor("html.example.net").contentType()).isEqualTo(ContentType.MIME_HTML);

            RemoteDomainSettings japan = policy.settingsFor("MMS.Carrier.Example.JP.");
            assertThat(japan).isSameAs(policy.settingsFor("carrier.example.jp"));
            assertThat(japan).isEqualTo(RemoteDomainSettings.builder()
                .contentType(ContentType.MIME_TEXT)
                .characterSet(Optional.of(Charset.forName("ISO-2022-JP")))
                .nonMimeCharacterSet(Optional.of(Charset.forName("ISO-2022-JP")))
                .preferredInternetCodePageForShiftJis(PreferredInternetCodePageForShiftJis.CP_50220)
                .byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.USE_7BIT)
                .lineWrapSize(OptionalInt.of(72)).build());

            assertThat(policy.settingsFor("gateway.example.org").byteEncoderTypeFor7BitCharsets())
                .isEqualTo(ByteEncoderTypeFor7BitCharsets.USE_QP);
            assertThat(policy.settingsFor("gateway.example.org").characterSet()).contains(StandardCharsets.ISO_8859_1);
            assertThat(policy.settingsFor("mainframe.example.org").messageFormat()).isEqualTo(MessageFormat.TEXT);
            assertThat(policy.settingsFor("mainframe.example.org").nonMimeCharacterSet())
                .contains(Charset.forName("windows-1252"));
            assertThat(policy.settingsFor("exchange.example.com").tnefEnabled()).contains(true);
            assertThat(policy.settingsFor("notnef.example.com").tnefEnabled()).contains(false);
            assertThat(policy.settingsFor("anyone.example").tnefEnabled()).isEmpty();

            RemoteDomainSettings sister = policy.settingsFor("hq.sister.example");
            assertThat(sister.isInternal()).isTrue();
            assertThat(sister.allowedOOFType()).isEqualTo(AllowedOOFType.INTERNAL_LEGACY);

            RemoteDomainSettings restricted = policy.settingsFor("freemail.example.com");
            assertThat(restricted).isEqualTo(RemoteDomainSettings.builder().autoForwardEnabled(false)
                .autoReplyEnabled(false).allowedOOFType(AllowedOOFType.NONE).deliveryReportEnabled(false)
                .ndrDiagnosticInfoEnabled(false).useSimpleDisplayName(true).build());
            // a subdomain of an exact entry is not covered by it
            assertThat(policy.resolve("mail.freemail.example.com").name()).isEqualTo("Default");
        }

        @Test
        void parseShouldGiveTheSameAsLoad() throws Exception {
            try (InputStream in = Files.newInputStream(sample())) {
                assertThat(RemoteDomainPolicyLoader.parse(in, FILE)).isEqualTo(RemoteDomainPolicyLoader.load(sample()));
            }
        }
    }

    @Nested
    class Values {
        @Test
        void theIssueExampleShouldLoad() {
            RemoteDomainPolicy policy = parse("<remoteDomains>\n"
                + "  <remoteDomain name=\"Default\" domain=\"*\">\n"
                + "    <ContentType>MimeHtmlText</ContentType>\n"
                + "  </remoteDomain>\n"
                + "  <remoteDomain name=\"Legacy Japan\" domain=\"legacy.example.jp\">\n"
                + "    <CharacterSet>iso-2022-jp</CharacterSet>\n"
                + "    <PreferredInternetCodePageForShiftJis>50220</PreferredInternetCodePageForShiftJis>\n"
                + "    <LineWrapSize>72</LineWrapSize>\n"
                + "  </remoteDomain>\n"
                + "</remoteDomains>");
            RemoteDomainSettings japan = policy.settingsFor("legacy.example.jp");
            assertThat(japan.characterSet()).contains(Charset.forName("ISO-2022-JP"));
            assertThat(japan.preferredInternetCodePageForShiftJis()).isEqualTo(PreferredInternetCodePageForShiftJis.CP_50220);
            assertThat(japan.lineWrapSize()).isEqualTo(OptionalInt.of(72));
            assertThat(japan.contentType()).isEqualTo(ContentType.MIME_HTML_TEXT);
        }

        @Test
        void valuesShouldBeTrimmedAndMayUseCdataCommentsAndCharacterReferences() {
            RemoteDomainSettings s = parse(partner("<!-- wrap for old clients -->\n"
                + "<LineWrapSize>\n  72\n</LineWrapSize><ContentType><![CDATA[MimeText]]></ContentType>"
                + "<AllowedOOFType>&#78;one</AllowedOOFType><?ignored pi?>")).settingsFor("partner.example.com");
            assertThat(s.lineWrapSize()).isEqualTo(OptionalInt.of(72));
            assertThat(s.contentType()).isEqualTo(ContentType.MIME_TEXT);
            assertThat(s.allowedOOFType()).isEqualTo(AllowedOOFType.NONE);
        }

        @Test
        void anEmptyFileOfRemoteDomainsShouldGiveTheBuiltInDefault() {
            assertThat(parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<remoteDomains/>"))
                .isEqualTo(RemoteDomainPolicy.defaultOnly());
        }

        @Test
        void aDeclaredEncodingShouldBeHonoured() {
            byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                + "<remoteDomains><remoteDomain name=\"Partenaire \u00e9t\u00e9\" domain=\"*\"/></remoteDomains>")
                .getBytes(StandardCharsets.ISO_8859_1);
            RemoteDomainPolicy policy = RemoteDomainPolicyLoader.parse(new ByteArrayInputStream(latin1), FILE);
            assertThat(policy.defaultDomain().name()).isEqualTo("Partenaire \u00e9t\u00e9");
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "<LineWrapSize>200</LineWrapSize> | invalid LineWrapSize '200': allowed 0-132 or Unlimited",
            "<LineWrapSize/> | invalid LineWrapSize '': allowed 0-132 or Unlimited",
            "<ContentType>Html</ContentType> | invalid ContentType 'Html': allowed MimeHtmlText, MimeText, MimeHtml",
            "<MessageFormat>UUEncode</MessageFormat> | invalid MessageFormat 'UUEncode': allowed Mime, Text",
            "<ByteEncoderTypeFor7BitCharsets>QP</ByteEncoderTypeFor7BitCharsets> | invalid ByteEncoderTypeFor7BitCharsets 'QP': allowed Use7Bit, UseQP, UseBase64, UseQPHtmlDetectTextPlain, UseBase64HtmlDetectTextPlain, UseQPHtml7BitTextPlain, UseBase64Html7BitTextPlain, Undefined",
            "<PreferredInternetCodePageForShiftJis>932</PreferredInternetCodePageForShiftJis> | invalid PreferredInternetCodePageForShiftJis '932': allowed 50220, 50221, 50222, Undefined",
            "<AllowedOOFType>All</AllowedOOFType> | invalid AllowedOOFType 'All': allowed External, ExternalLegacy, InternalLegacy, None",
            "<TNEFEnabled>$null</TNEFEnabled> | invalid TNEFEnabled '$null': allowed true, false",
            "<IsInternal>yes</IsInternal> | invalid IsInternal 'yes': allowed true, false",
            "<NDREnabled>1</NDREnabled> | invalid NDREnabled '1': allowed true, false",
            "<CharacterSet>utf-7</CharacterSet> | invalid CharacterSet 'utf-7': allowed a character set this Java runtime can encode, such as utf-8, iso-8859-1, iso-2022-jp, shift_jis, euc-jp, windows-1252",
            "<NonMimeCharacterSet>din_66003</NonMimeCharacterSet> | invalid NonMimeCharacterSet 'din_66003': allowed a character set this Java runtime can encode, such as utf-8, iso-8859-1, iso-2022-jp, shift_jis, euc-jp, windows-1252",
            "<LineWrap>72</LineWrap> | unknown setting 'LineWrap': allowed settings are ContentType, MessageFormat, CharacterSet, NonMimeCharacterSet, LineWrapSize, ByteEncoderTypeFor7BitCharsets, PreferredInternetCodePageForShiftJis, TNEFEnabled, IsInternal, AutoForwardEnabled, AutoReplyEnabled, AllowedOOFType, DeliveryReportEnabled, NDREnabled, NDRDiagnosticInfoEnabled, DisplaySenderName, UseSimpleDisplayName, SevenBitOnly",
            "<contenttype>MimeText</contenttype> | unknown setting 'contenttype': setting names are case-sensitive, did you mean 'ContentType'?",
            "<TrustedMailOutboundEnabled>true</TrustedMailOutboundEnabled> | setting 'TrustedMailOutboundEnabled' of Exchange's Set-RemoteDomain is not supported: allowed settings are ContentType, MessageFormat, CharacterSet, NonMimeCharacterSet, LineWrapSize, ByteEncoderTypeFor7BitCharsets, PreferredInternetCodePageForShiftJis, TNEFEnabled, IsInternal, AutoForwardEnabled, AutoReplyEnabled, AllowedOOFType, DeliveryReportEnabled, NDREnabled, NDRDiagnosticInfoEnabled, DisplaySenderName, UseSimpleDisplayName, SevenBitOnly",
            "<LineWrapSize>72</LineWrapSize><LineWrapSize>76</LineWrapSize> | LineWrapSize is given twice",
            "<LineWrapSize unit=\"columns\">72</LineWrapSize> | setting LineWrapSize: unknown attribute 'unit'",
            "<ContentType><b>MimeText</b></ContentType> | setting ContentType must hold only text, found element <b> (line 3)",
            "MimeText | unexpected text 'MimeText' (line 3)",
        })
        void badSettingsShouldNameTheFileTheRemoteDomainTheSettingAndTheValue(String body, String message) {
            assertThatThrownBy(() -> parse(partner(body)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remotedomains.xml: remote domain 'Partner': " + message);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "<remoteDomain domain=\"*\"/> | remote domain at line 1: missing attribute 'name'",
            "<remoteDomain name=\"Partner\"/> | remote domain 'Partner': missing attribute 'domain'",
            "<remoteDomain name=\"Partner\" domain=\"*\" enabled=\"true\"/> | remote domain 'Partner': unknown attribute 'enabled': allowed name, domain",
            "<remoteDomain name=\"Partner\" domain=\"mail.*.example.com\"/> | remote domain 'Partner': invalid domain 'mail.*.example.com': a wildcard is only allowed as a whole first label; allowed * (the Default), a domain such as example.com, or *. followed by a domain such as *.example.com",
            "<remoteDomain name=\"\" domain=\"*\"/> | remote domain at line 1: invalid name '': allowed 1-64 characters without control characters",
            "<remoteDomain name=\"A\" domain=\"*.example.com\"/><remoteDomain name=\"B\" domain=\"*.Example.com\"/> | remote domain 'B': domain '*.example.com' is already used by remote domain 'A'",
            "<remoteDomain name=\"A\" domain=\"a.example.com\"/><remoteDomain name=\"a\" domain=\"b.example.com\"/> | duplicate remote domain name 'a': names must be unique (case-insensitive)",
            "<remoteDomain name=\"Default\" domain=\"a.example.com\"/> | remote domain 'Default': the name 'Default' is kept for the built-in Default remote domain (domain '*'), which is added because no remote domain has domain '*'",
            "<domain name=\"A\"/> | unknown element <domain> in <remoteDomains> (line 1): allowed <remoteDomain>, <recipient>",
            "text | <remoteDomains>: unexpected text 'text' (line 1)",
        })
        void badRemoteDomainsShouldBeNamed(String body, String message) {
            assertThatThrownBy(() -> parse("<remoteDomains>" + body + "</remoteDomains>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remotedomains.xml: " + message);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "<remoteDomain/> | the root element must be <remoteDomains>, found <remoteDomain> (line 1)",
            "<remoteDomains version=\"1\"/> | <remoteDomains>: unknown attribute 'version'",
            "<remoteDomains xmlns=\"urn:x\"/> | <remoteDomains>: unknown attribute 'xmlns'",
            "<remoteDomains> | not well-formed XML at line 1: XML document structures must start and end within the same entity.",
            "<remoteDomains/><remoteDomains/> | not well-formed XML at line 1: The markup in the document following the root element must be well-formed.",
            "'' | not well-formed XML at line 1: Premature end of file.",
            "<!-- only a comment --> | not well-formed XML at line 1: Premature end of file.",
            "<remoteDomains><remoteDomain name=\"&x;\" domain=\"*\"/></remoteDomains> | not well-formed XML at line 1: The entity \"x\" was referenced, but not declared.",
        })
        void badDocumentsShouldFail(String xml, String message) {
            assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remotedomains.xml: " + message);
        }

        @Test
        void xIncludeShouldBeAnUnknownElement() {
            assertThatThrownBy(() -> parse("<remoteDomains><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                + "href=\"/etc/passwd\" parse=\"text\"/></remoteDomains>"))
                .hasMessage("remotedomains.xml: unknown element <xi:include> in <remoteDomains> (line 1): "
                    + "allowed <remoteDomain>, <recipient>");
        }
    }

    @Nested
    class Hardening {
        @Test
        void anInternalEntityAttackShouldBeRefusedAtTheDoctype() {
            String xxe = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE remoteDomains [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<remoteDomains><remoteDomain name=\"&xxe;\" domain=\"*\"/></remoteDomains>";
            assertThatThrownBy(() -> parse(xxe))
                .hasMessage("remotedomains.xml: DOCTYPE declarations are not allowed (line 2)");
        }

        @Test
        void entityExpansionShouldBeRefusedAtTheDoctype() {
            String laughs = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<remoteDomains><remoteDomain name=\"&b;\" domain=\"*\"/></remoteDomains>";
            assertThatThrownBy(() -> parse(laughs))
                .hasMessage("remotedomains.xml: DOCTYPE declarations are not allowed (line 1)");
        }

        @Test
        void aDoctypeTheJdkParserCannotReportShouldBeRefusedAsNotWellFormed() {
            // found by RemoteDomainPolicyFuzzTest (crash-6b6dffc5...): the JDK parser threw MissingResourceException
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY\u0000\u0000><remoteDomains/>";
            assertThatThrownBy(() -> parse(xml)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("remotedomains.xml: not well-formed XML: the XML parser failed (InvalidCharInDTD)");
        }

        @Test
        void anExternalDtdShouldNeverBeRead(@TempDir Path dir) throws IOException {
            // a DTD the parser would choke on if it read it: the refusal shows it did not
            Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY % broken \"");
            String xml = "<!DOCTYPE remoteDomains SYSTEM \"" + dtd.toUri() + "\"><remoteDomains/>";
            assertThatThrownBy(() -> parse(xml)).hasMessageStartingWith("remotedomains.xml: DOCTYPE declarations are not allowed (");
            String missing = "<!DOCTYPE remoteDomains SYSTEM \"" + dir.resolve("missing.dtd").toUri() + "\"><remoteDomains/>";
            assertThatThrownBy(() -> parse(missing)).hasMessageStartingWith("remotedomains.xml: DOCTYPE declarations are not allowed (");
        }

        @Test
        void aFileOverOneMebibyteShouldFail() {
            String comment = "<!--" + "x".repeat(RemoteDomainPolicyLoader.MAX_FILE_BYTES) + "-->";
            assertThatThrownBy(() -> parse("<remoteDomains>" + comment + "</remoteDomains>"))
                .hasMessage("remotedomains.xml: larger than 1048576 bytes, the limit for a remote domains file");
        }

        @Test
        void aFileOfExactlyOneMebibyteShouldLoad() {
            String frame = "<remoteDomains><!---->\n</remoteDomains>";
            String padded = frame.replace("\n", " ".repeat(RemoteDomainPolicyLoader.MAX_FILE_BYTES - frame.length() + 1));
            assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(RemoteDomainPolicyLoader.MAX_FILE_BYTES);
            assertThat(parse(padded)).isEqualTo(RemoteDomainPolicy.defaultOnly());
        }

        @Test
        void tenThousandRemoteDomainsShouldLoadButNotOneMore() {
            StringBuilder xml = new StringBuilder("<remoteDomains>");
            for (int i = 0; i < RemoteDomainPolicyLoader.MAX_REMOTE_DOMAINS; i++) {
                xml.append("<remoteDomain name=\"").append(i).append("\" domain=\"d").append(i).append(".example\"/>");
            }
            assertThat(parse(xml + "</remoteDomains>").remoteDomains()).hasSize(10_001);
            xml.append("<remoteDomain name=\"x\" domain=\"x.example\"/></remoteDomains>");
            assertThatThrownBy(() -> parse(xml.toString()))
                .hasMessage("remotedomains.xml: more than 10000 remote domains, the limit for a remote domains file");
        }
    }

    @Nested
    class FilesAndStreams {
        @Test
        void loadShouldNameTheMissingFile(@TempDir Path dir) {
            Path missing = dir.resolve("remotedomains.xml");
            assertThatThrownBy(() -> RemoteDomainPolicyLoader.load(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": cannot read the remote domains file: java.nio.file.NoSuchFileException: " + missing);
        }

        @Test
        void loadShouldPrefixErrorsWithThePath(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("remotedomains.xml"), partner("<LineWrapSize>200</LineWrapSize>"));
            assertThatThrownBy(() -> RemoteDomainPolicyLoader.load(file))
                .hasMessage(file + ": remote domain 'Partner': invalid LineWrapSize '200': allowed 0-132 or Unlimited");
        }

        @Test
        void aFailingStreamShouldBeAnIoError() {
            InputStream broken = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("disk gone");
                }
            };
            assertThatThrownBy(() -> RemoteDomainPolicyLoader.parse(broken, FILE))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("remotedomains.xml: cannot read the remote domains file")
                .hasRootCauseMessage("disk gone");
        }
    }

    @Test
    void parsedDomainsShouldKeepFileOrder() {
        RemoteDomainPolicy policy = parse("<remoteDomains><remoteDomain name=\"B\" domain=\"b.example\"/>"
            + "<remoteDomain name=\"A\" domain=\"*\"/></remoteDomains>");
        assertThat(policy.remoteDomains()).extracting(RemoteDomain::name).isEqualTo(List.of("B", "A"));
    }
}
