package org.bordertransport.cli.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExportCsvReaderTest {
    @Test
    void readsTheRemoteDomainExport() throws Exception {
        Exports.Export export = Samples.read(Samples.REMOTE_DOMAINS_CSV);

        assertThat(export.format()).isEqualTo(Exports.Format.CSV);
        List<PsObject> objects = export.objects();
        assertThat(objects).hasSize(4);
        PsObject first = objects.get(0);
        assertThat(first.typeNames()).containsExactly(
            "Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.DomainContentConfig");
        assertThat(first.properties()).containsEntry("DomainName", "*").containsEntry("Name", "Default")
            .containsEntry("TNEFEnabled", null).containsEntry("AutoReplyEnabled", "False")
            .containsEntry("LineWrapSize", "Unlimited");
        assertThat(objects.get(1).text("CharacterSet")).isEqualTo("iso-2022-jp");
        assertThat(objects.get(2).text("TNEFEnabled")).isEqualTo("True");
    }

    @Test
    void readsQuotingAsExportCsvWritesIt() throws Exception {
        String csv = "\"Name\",\"DomainName\",\"AdminDisplayName\"\r\n"
            + "\"Partner, \"\"EU\"\"\",\"partner.example.net\",\"two\r\nlines\"\r\n"
            + "\"Other\",\"other.example\",\"\"\r\n";

        List<PsObject> objects = Samples.read(csv, "q.csv").objects();

        assertThat(objects).hasSize(2);
        assertThat(objects.get(0).properties()).containsEntry("Name", "Partner, \"EU\"")
            .containsEntry("AdminDisplayName", "two\r\nlines");
        assertThat(objects.get(0).typeNames()).isEmpty();
        assertThat(objects.get(1).properties()).containsEntry("AdminDisplayName", null);
    }

    @Test
    void readsOtherDelimitersUnquotedFieldsAndAByteOrderMark() throws Exception {
        // Export-Csv -UseCulture (German Windows), and PowerShell 7 with -UseQuotes AsNeeded
        String csv = "\uFEFF#TYPE Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.DomainContentConfig\n"
            + "Name;DomainName;LineWrapSize\nDefault;*;Unlimited\n\n";

        List<PsObject> objects = Samples.read(csv.getBytes(StandardCharsets.UTF_8), "semi.csv").objects();

        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).properties()).containsEntry("DomainName", "*").containsEntry("LineWrapSize", "Unlimited");
    }

    @Test
    void refusesBrokenCsv() {
        assertMalformed("\"Name\",\"DomainName\"\n\"a\",\"b\",\"c\"\n", "bad.csv: line 2: 3 fields, the header has 2");
        assertMalformed("\"Name\",\"DomainName\"\n\"a\",\"b\n", "bad.csv: line 2: a quoted field is not closed");
        assertMalformed("\"Name\",\"DomainName\"\n\"a\"x,\"b\"\n",
            "bad.csv: malformed CSV at line 2: 'x' after the closing quote of a field: expected ',' or the end of the line");
        assertMalformed("\"Name\",\"Name\"\n\"a\",\"b\"\n", "bad.csv: line 1: property 'Name' is twice in the header");
        assertMalformed("#Fields: Name\n\"a\"\n", "a first line starting with '#' must be '#TYPE type.name'");
    }

    @Test
    void limitsObjects() {
        StringBuilder csv = new StringBuilder("\"Name\",\"DomainName\"\n");
        for (int i = 0; i <= Exports.MAX_OBJECTS; i++) {
            csv.append("\"d").append(i).append("\",\"d").append(i).append(".example\"\n");
        }
        assertThatThrownBy(() -> Samples.read(csv.toString(), "big.csv"))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.LIMIT))
            .hasMessage("big.csv: more than 10000 objects, the limit for an export");
    }

    @Test
    void refusesWhatIsNeitherFormat() {
        assertNotExport("[{\"Name\":\"Default\"}]".getBytes(StandardCharsets.UTF_8),
            "x: neither CLIXML (Export-Clixml) nor CSV (Export-Csv): starts with '['");
        assertNotExport(" \n".getBytes(StandardCharsets.UTF_8), "x: empty: expected what Export-Clixml or Export-Csv writes");
        assertNotExport(new byte[] {'"', 'N', '"', '\n', '"', (byte) 0xE9, '"', '\n'}, "x: not UTF-8 text");
    }

    private static void assertNotExport(byte[] bytes, String message) {
        assertThatThrownBy(() -> Samples.read(bytes, "x"))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.NOT_EXPORT))
            .hasMessageStartingWith(message);
    }

    private static void assertMalformed(String csv, String message) {
        assertThatThrownBy(() -> Samples.read(csv, "bad.csv"))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.MALFORMED))
            .hasMessageContaining(message);
    }
}
