package org.bordertransport.cli.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliXmlReaderTest {
    private static final String OBJS =
        "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">";

    @TempDir
    Path dir;

    @Test
    void readsTheRemoteDomainExport() throws Exception {
        Exports.Export export = Samples.read(Samples.REMOTE_DOMAINS_CLIXML);

        assertThat(export.format()).isEqualTo(Exports.Format.CLIXML);
        List<PsObject> objects = export.objects();
        assertThat(objects).hasSize(4);
        PsObject first = objects.get(0);
        assertThat(first.typeNames()).first().isEqualTo(
            "Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.DomainContentConfig");
        // nested objects are their ToString; Nil is null; <B> is its text
        assertThat(first.text("DomainName")).isEqualTo("*");
        assertThat(first.text("Name")).isEqualTo("Default");
        assertThat(first.properties()).containsEntry("TNEFEnabled", null).containsEntry("AutoReplyEnabled", "False")
            .containsEntry("LineWrapSize", "Unlimited").containsEntry("ContentType", "MimeHtmlText")
            .containsEntry("MessageCountThreshold", "2147483647")
            .containsEntry("ObjectClass", "{top, msExchDomainContentConfig}");
        // <Ref N="Id"> is the Identity object; <MS> properties are read too
        assertThat(first.text("Id")).isEqualTo(first.text("Identity")).isEqualTo("Default");
        assertThat(first.text("PSComputerName")).isEqualTo("exch01.corp.example.com");
        // type names given once (<TN RefId>) and referred to later (<TNRef>)
        PsObject japan = objects.get(1);
        assertThat(japan.typeNames()).isEqualTo(first.typeNames());
        assertThat(japan.text("DomainName")).isEqualTo("*.carrier.example.jp");
        assertThat(japan.text("CharacterSet")).isEqualTo("iso-2022-jp");
        assertThat(japan.text("PreferredInternetCodePageForShiftJis")).isEqualTo("50220");
        assertThat(japan.text("LineWrapSize")).isEqualTo("72");
        assertThat(objects.get(2).text("TNEFEnabled")).isEqualTo("True");
        assertThat(objects).extracting(PsObject::position).containsExactly(1, 2, 3, 4);
    }

    @Test
    void readsTheSameObjectsAsUtf16WithByteOrderMark() throws Exception {
        // Windows PowerShell's Export-Clixml writes UTF-16LE with a byte order mark
        byte[] utf16 = ("\uFEFF" + Samples.text(Samples.REMOTE_DOMAINS_CLIXML)).getBytes(StandardCharsets.UTF_16LE);
        byte[] declared = ("\uFEFF<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n"
            + Samples.text(Samples.REMOTE_DOMAINS_CLIXML)).getBytes(StandardCharsets.UTF_16LE);

        assertThat(Samples.read(utf16, "utf16.xml").objects())
            .isEqualTo(Samples.read(declared, "declared.xml").objects())
            .isEqualTo(Samples.read(Samples.REMOTE_DOMAINS_CLIXML).objects());
    }

    @Test
    void decodesPowerShellEscapes() throws Exception {
        String xml = OBJS + "<Obj RefId=\"0\"><Props><S N=\"A_x005F_x0041_\">line_x000A_two_x005F_x0041_</S>"
            + "<C N=\"Char\">65</C></Props></Obj></Objs>";

        PsObject object = Samples.read(xml, "x.xml").objects().get(0);

        assertThat(object.properties()).containsEntry("A_x0041_", "line\ntwo_x0041_").containsEntry("Char", "A");
    }

    @Test
    void refusesXmlThatIsNotClixml() {
        assertThatThrownBy(() -> Samples.read(Samples.NOT_CLIXML))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.NOT_EXPORT))
            .hasMessage("not-clixml.xml: not CLIXML: the root element is <Objects> without namespace, Export-Clixml "
                + "writes <Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">");
    }

    @Test
    void refusesADoctypeAndReadsNoEntity() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Objs [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
            + OBJS + "<Obj RefId=\"0\"><Props><S N=\"Name\">&x;</S></Props></Obj></Objs>";

        assertThatThrownBy(() -> Samples.read(xml, "xxe.xml"))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.MALFORMED))
            .hasMessageContaining("DOCTYPE declarations are not allowed")
            .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void refusesBrokenClixml() {
        assertMalformed(OBJS + "<Obj RefId=\"0\"><Props><S N=\"Name\">Default</S>",
            "not well-formed XML at line 1: XML document structures must start and end within the same entity");
        assertMalformed(OBJS + "<Obj RefId=\"0\"><Props><Ref N=\"Id\" RefId=\"9\"/></Props></Obj></Objs>",
            "<Ref RefId=\"9\"> names no earlier <Obj>");
        assertMalformed(OBJS + "<Obj RefId=\"0\"><TNRef RefId=\"3\"/></Obj></Objs>", "names no earlier <TN>");
        assertMalformed(OBJS + "<Obj RefId=\"0\"><Props><S>no name</S></Props></Obj></Objs>",
            "<S> without N (the property name)");
        assertMalformed(OBJS + "<Obj RefId=\"0\"><Props><Frob N=\"x\">1</Frob></Props></Obj></Objs>",
            "unknown CLIXML element <Frob>");
        assertMalformed(OBJS + "<S>just a string</S></Objs>", "<S> at the top level");
        assertMalformed(OBJS + "<Obj RefId=\"0\"><Props><S N=\"a\">x<B>true</B></S></Props></Obj></Objs>",
            "<S> must hold only text");
        assertMalformed(OBJS + "<Obj><Props><S N=\"a\">x</Props></Obj></Objs>", "not well-formed XML");
    }

    @Test
    void limitsNestingAndObjects() {
        StringBuilder deep = new StringBuilder(OBJS + "<Obj RefId=\"0\"><Props>");
        for (int i = 0; i < 40; i++) {
            deep.append("<Obj N=\"p\" RefId=\"").append(i + 1).append("\"><Props>");
        }
        assertThatThrownBy(() -> Samples.read(deep.toString(), "deep.xml"))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.LIMIT))
            .hasMessageContaining("more than 32 levels of nesting");

        StringBuilder many = new StringBuilder(OBJS);
        for (int i = 0; i <= Exports.MAX_OBJECTS; i++) {
            many.append("<Obj RefId=\"").append(i).append("\"/>");
        }
        assertThatThrownBy(() -> Samples.read(many.append("</Objs>").toString(), "many.xml"))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.LIMIT))
            .hasMessage("many.xml: more than 10000 objects, the limit for an export");
    }

    @Test
    void limitsPropertiesPerObject() {
        StringBuilder wide = new StringBuilder(OBJS + "<Obj RefId=\"0\"><Props>");
        for (int i = 0; i <= Exports.MAX_PROPERTIES; i++) {
            wide.append("<B N=\"p").append(i).append("\">true</B>");
        }
        assertThatThrownBy(() -> Samples.read(wide.append("</Props></Obj></Objs>").toString(), "wide.xml"))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.LIMIT))
            .hasMessage("wide.xml: object 1 has more than 1000 properties, the limit for an export");
    }

    private static void assertMalformed(String xml, String message) {
        assertThatThrownBy(() -> Samples.read(xml, "bad.xml"))
            .isInstanceOfSatisfying(ExportException.class,
                e -> assertThat(e.code()).isEqualTo(ExportException.Code.MALFORMED))
            .hasMessageStartingWith("bad.xml: ")
            .hasMessageContaining(message);
    }
}
