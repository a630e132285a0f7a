package org.bordertransport.core.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.tnef.TnefBuilder.concat;
import static org.bordertransport.core.tnef.TnefBuilder.date;
import static org.bordertransport.core.tnef.TnefBuilder.le32;
import static org.bordertransport.core.tnef.TnefBuilder.sz;
import static org.bordertransport.core.tnef.TnefBuilder.tnef;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.bordertransport.core.tnef.TnefBuilder.Props;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TnefReaderTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    static TnefMessage read(byte[] bytes) throws IOException, TnefException {
        return TnefReader.read(new ByteArrayInputStream(bytes));
    }

    static TnefMessage read(byte[] bytes, TnefReadOptions options) throws IOException, TnefException {
        return TnefReader.read(new ByteArrayInputStream(bytes), options);
    }

    static TnefReadOptions limits(TnefLimits.Builder limits) {
        return TnefReadOptions.builder().limits(limits.build()).build();
    }

    @Nested
    class Signature {
        @Test
        void wrongSignatureIsNotTnef() {
            byte[] bytes = "From: someone\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("not a TNEF stream: expected signature 0x223E9F78 but got 0x6D6F7246")
                .extracting(e -> ((TnefException) e).reason()).isEqualTo(TnefException.Reason.NOT_TNEF);
        }

        @Test
        void emptyInputIsNotTnef() {
            assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(TnefException.class)
                .hasMessage("not a TNEF stream: only 0 byte(s)");
        }

        @Test
        void missingLegacyKeyIsTruncated() {
            assertThatThrownBy(() -> read(le32(0x223E9F78L))).isInstanceOf(TnefException.class)
                .hasMessage("TNEF stream ends early: the legacy key at offset 4 is cut short")
                .extracting(e -> ((TnefException) e).reason()).isEqualTo(TnefException.Reason.TRUNCATED);
        }

        @Test
        void signatureAndKeyAloneIsAnEmptyMessage() throws Exception {
            try (TnefMessage message = read(tnef().build())) {
                assertThat(message.legacyKey()).isEqualTo(0x0102);
                assertThat(message.attachments()).isEmpty();
                assertThat(message.attributes()).isEmpty();
                assertThat(message.properties().size()).isZero();
                assertThat(message.codePage()).isEqualTo(1252);
                assertThat(message.charset()).isEqualTo(CP1252);
                assertThat(message.subject()).isEmpty();
                assertThat(message.messageClass()).isEmpty();
                assertThat(message.textBody()).isEmpty();
                assertThat(message.htmlBody()).isEmpty();
                assertThat(message.compressedRtf()).isEmpty();
                assertThat(message.warnings()).isEmpty();
                assertThat(message.depth()).isZero();
            }
        }
    }

    @Nested
    class MessageAttributes {
        @Test
        void classSubjectBodyAndDatesAreRead() throws Exception {
            byte[] bytes = tnef()
                .message(TnefAttribute.ATT_TNEF_VERSION, le32(0x00010000))
                .codePage(1251)
                .message(TnefAttribute.ATT_MESSAGE_CLASS, sz("IPM.Note"))
                .message(TnefAttribute.ATT_SUBJECT, sz("Привет", Charset.forName("windows-1251")))
                .message(TnefAttribute.ATT_DATE_SENT, date(2003, 5, 23, 17, 26, 17, 5))
                .message(TnefAttribute.ATT_BODY, sz("Текст\r\n", Charset.forName("windows-1251")))
                .message(TnefAttribute.ATT_FROM, new byte[] {4, 0, 1, 2})
                .build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.codePage()).isEqualTo(1251);
                assertThat(message.charset()).isEqualTo(Charset.forName("windows-1251"));
                assertThat(message.messageClass()).contains("IPM.Note");
                assertThat(message.subject()).contains("Привет");
                assertThat(message.textBody()).contains("Текст\r\n");
                assertThat(message.attribute(TnefAttribute.ATT_DATE_SENT).flatMap(TnefAttribute::dateValue))
                    .contains(LocalDateTime.of(2003, 5, 23, 17, 26, 17));
                assertThat(message.attribute(TnefAttribute.ATT_FROM).orElseThrow().content().toByteArray())
                    .containsExactly(4, 0, 1, 2);
                assertThat(message.attribute(TnefAttribute.ATT_TNEF_VERSION).orElseThrow().type()).isEqualTo(8);
                assertThat(message.attributes()).extracting(TnefAttribute::tag)
                    .containsExactly(0x9006, 0x9007, 0x8008, 0x8004, 0x8005, 0x800C, 0x8000);
                assertThat(message.attribute(TnefAttribute.ATT_SUBJECT).flatMap(TnefAttribute::dateValue)).isEmpty();
            }
        }

        @Test
        void invalidDateIsEmpty() throws Exception {
            byte[] bytes = tnef().message(TnefAttribute.ATT_DATE_SENT, date(2003, 13, 40, 0, 0, 0, 0)).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.attribute(TnefAttribute.ATT_DATE_SENT).flatMap(TnefAttribute::dateValue)).isEmpty();
            }
        }

        @Test
        void mapiPropertiesReplaceMissingAttributes() throws Exception {
            byte[] bytes = tnef().messageProps(Props.props()
                .unicode(MapiTag.PR_MESSAGE_CLASS, "IPM.Appointment")
                .unicode(MapiTag.PR_SUBJECT, "Réunion ✓")
                .unicode(MapiTag.PR_BODY, "corps"))
                .message(TnefAttribute.ATT_BODY, sz("ignored"))
                .build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.messageClass()).contains("IPM.Appointment");
                assertThat(message.subject()).contains("Réunion ✓");
                assertThat(message.textBody()).contains("corps");
            }
        }
    }

    @Nested
    class CodePageChoice {
        private byte[] withSubject(TnefBuilder builder) {
            return builder.messageProps(Props.props().string8(MapiTag.PR_SUBJECT, "\u00e9", CP1252)).build();
        }

        @Test
        void messageCodepagePropertyIsUsedWithoutOemCodepage() throws Exception {
            byte[] bytes = tnef().messageProps(Props.props().int32(MapiTag.PR_MESSAGE_CODEPAGE, 65001)
                .string8(MapiTag.PR_SUBJECT, "h\u00e9", StandardCharsets.UTF_8)).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.codePage()).isEqualTo(65001);
                assertThat(message.subject()).contains("h\u00e9");
            }
        }

        @Test
        void internetCpidComesNext() throws Exception {
            byte[] bytes = tnef().messageProps(Props.props().int32(MapiTag.PR_INTERNET_CPID, 932)
                .string8(MapiTag.PR_SUBJECT, "日本語", Charset.forName("windows-31j"))).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.codePage()).isEqualTo(932);
                assertThat(message.subject()).contains("日本語");
            }
        }

        @Test
        void oemCodepageWinsOverProperties() throws Exception {
            byte[] bytes = tnef().codePage(1250).messageProps(Props.props().int32(MapiTag.PR_MESSAGE_CODEPAGE, 932)
                .string8(MapiTag.PR_SUBJECT, "Łódź", Charset.forName("windows-1250"))).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.codePage()).isEqualTo(1250);
                assertThat(message.subject()).contains("Łódź");
            }
        }

        @Test
        void unknownCodepageFallsBackToWindows1252() throws Exception {
            try (TnefMessage message = read(withSubject(tnef().codePage(4242)))) {
                assertThat(message.codePage()).isEqualTo(4242);
                assertThat(message.charset()).isEqualTo(CP1252);
                assertThat(message.subject()).contains("\u00e9");
            }
        }
    }

    @Nested
    class PropertyTypes {
        private MapiProperties props(Props props) throws Exception {
            try (TnefMessage message = read(tnef().messageProps(props).build())) {
                return message.properties();
            }
        }

        @Test
        void fixedTypes() throws Exception {
            Instant time = Instant.parse("2014-07-11T14:07:44.1234567Z");
            UUID clsid = UUID.fromString("00020d0b-0000-0000-c000-000000000046");
            MapiProperties p = props(Props.props()
                .int16(0x0001, -2)
                .int32(0x0002, -7)
                .bool(0x0003, true)
                .tag(MapiTag.PT_FLOAT, 0x0004).raw(le32(Float.floatToIntBits(1.5f)))
                .int64(MapiTag.PT_DOUBLE, 0x0005, Double.doubleToLongBits(2.25))
                .int64(MapiTag.PT_APPTIME, 0x0006, Double.doubleToLongBits(41000.5))
                .int64(MapiTag.PT_CURRENCY, 0x0007, 123456)
                .int64(MapiTag.PT_I8, 0x0008, -5_000_000_000L)
                .tag(MapiTag.PT_ERROR, 0x0009).raw(le32(0x8004010F))
                .systime(0x000A, time)
                .tag(MapiTag.PT_CLSID, 0x000B).raw(TnefBuilder.guid(clsid))
                .bool(0x000C, false));
            assertThat(p.get(1).orElseThrow().value()).contains((short) -2);
            assertThat(p.get(1).orElseThrow().intValue()).hasValue(-2);
            assertThat(p.get(2).orElseThrow().intValue()).hasValue(-7);
            assertThat(p.get(2).orElseThrow().longValue()).hasValue(-7);
            assertThat(p.get(3).orElseThrow().value()).contains(true);
            assertThat(p.get(3).orElseThrow().intValue()).hasValue(1);
            assertThat(p.get(4).orElseThrow().value()).contains(1.5f);
            assertThat(p.get(5).orElseThrow().value()).contains(2.25);
            assertThat(p.get(6).orElseThrow().value()).contains(41000.5);
            assertThat(p.get(7).orElseThrow().longValue()).hasValue(123456);
            assertThat(p.get(8).orElseThrow().value()).contains(-5_000_000_000L);
            assertThat(p.get(9).orElseThrow().intValue()).hasValue(0x8004010F);
            assertThat(p.get(10).orElseThrow().timeValue()).contains(time);
            assertThat(p.get(11).orElseThrow().value()).contains(clsid);
            assertThat(p.get(12).orElseThrow().value()).contains(false);
            assertThat(p.all()).extracting(MapiProperty::multiValued).containsOnly(false);
            assertThat(p.get(11).orElseThrow().stringValue()).isEmpty();
            assertThat(p.get(11).orElseThrow().intValue()).isEmpty();
        }

        @Test
        void variableTypes() throws Exception {
            MapiProperties p = props(Props.props()
                .string8(0x0001, "caf\u00e9", CP1252)
                .unicode(0x0002, "ß∂ƒ")
                .binary(0x0003, new byte[] {1, 2, 3, 4, 5})
                .object(0x0004, TnefBuilder.IID_ISTORAGE, new byte[] {9, 8})
                .tag(0x00FB, 0x0005).valueCount(1).variable(new byte[] {7}));
            assertThat(p.get(1).orElseThrow().stringValue()).contains("caf\u00e9");
            assertThat(p.get(2).orElseThrow().stringValue()).contains("ß∂ƒ");
            assertThat(p.get(3).orElseThrow().contentValue().orElseThrow().toByteArray())
                .containsExactly(1, 2, 3, 4, 5);
            assertThat(p.get(4).orElseThrow().contentValue().orElseThrow().toByteArray())
                .containsExactly(concat(TnefBuilder.IID_ISTORAGE, new byte[] {9, 8}));
            assertThat(p.get(5).orElseThrow().contentValue().orElseThrow().size()).isEqualTo(1);
        }

        @Test
        void multiValuedProperties() throws Exception {
            MapiProperties p = props(Props.props()
                .tag(MapiTag.PT_LONG | MapiTag.MV_FLAG, 0x0001).valueCount(3).raw(le32(1)).raw(le32(2)).raw(le32(3))
                .tag(MapiTag.PT_UNICODE | MapiTag.MV_FLAG, 0x0002).valueCount(2)
                .variable("a\u0000".getBytes(StandardCharsets.UTF_16LE))
                .variable("bc\u0000".getBytes(StandardCharsets.UTF_16LE))
                .tag(MapiTag.PT_BINARY | MapiTag.MV_FLAG, 0x0003).valueCount(0)
                .tag(MapiTag.PT_SHORT | MapiTag.MV_FLAG, 0x0004).valueCount(2).raw(le32(7)).raw(le32(0xFFFF)));
            assertThat(p.get(1).orElseThrow().values()).containsExactly(1, 2, 3);
            assertThat(p.get(1).orElseThrow().multiValued()).isTrue();
            assertThat(p.get(1).orElseThrow().type()).isEqualTo(MapiTag.PT_LONG);
            assertThat(p.get(2).orElseThrow().values()).containsExactly("a", "bc");
            assertThat(p.get(3).orElseThrow().values()).isEmpty();
            assertThat(p.get(3).orElseThrow().value()).isEmpty();
            assertThat(p.get(4).orElseThrow().values()).containsExactly((short) 7, (short) -1);
        }

        @Test
        void namedProperties() throws Exception {
            MapiProperties p = props(Props.props()
                .tag(MapiTag.PT_SYSTIME, 0x8001).nameId(MapiName.PSETID_APPOINTMENT, 0x820D)
                .raw(TnefBuilder.le64(0))
                .tag(MapiTag.PT_UNICODE, 0x8002).nameString(MapiName.PS_INTERNET_HEADERS, "x-custom")
                .valueCount(1).variable("v\u0000".getBytes(StandardCharsets.UTF_16LE))
                .tag(MapiTag.PT_LONG, 0x8003).nameString(MapiName.PSETID_MEETING, "abc")
                .raw(le32(5)));
            MapiProperty start = p.get(MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x820D)).orElseThrow();
            assertThat(start.timeValue()).contains(Instant.parse("1601-01-01T00:00:00Z"));
            assertThat(start.tag().named()).isTrue();
            assertThat(start.name().orElseThrow().id()).hasValue(0x820D);
            assertThat(p.get(MapiName.ofString(MapiName.PS_INTERNET_HEADERS, "x-custom")).orElseThrow()
                .stringValue()).contains("v");
            assertThat(p.get(MapiName.ofString(MapiName.PSETID_MEETING, "abc")).orElseThrow().intValue()).hasValue(5);
            assertThat(p.get(0x8001)).isEmpty();
            assertThat(p.get(MapiName.ofId(MapiName.PSETID_MEETING, 0x820D))).isEmpty();
        }

        @Test
        void laterPropertyWinsAndUnicodeIsPreferred() throws Exception {
            MapiProperties p = props(Props.props()
                .unicode(MapiTag.PR_SUBJECT, "unicode")
                .string8(MapiTag.PR_SUBJECT, "eight")
                .int32(0x0001, 1)
                .int32(0x0001, 2));
            assertThat(p.string(MapiTag.PR_SUBJECT)).contains("unicode");
            assertThat(p.get(MapiTag.PR_SUBJECT).orElseThrow().type()).isEqualTo(MapiTag.PT_STRING8);
            assertThat(p.get(0x0001).orElseThrow().intValue()).hasValue(2);
            assertThat(p.size()).isEqualTo(4);
        }

        @Test
        void unknownTypeIsMalformed() {
            byte[] bytes = tnef().messageProps(Props.props().tag(0x0099, 0x0001).raw(le32(0))).build();
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069003 at offset 6: property 0x00010099 has unknown type 0x0099");
        }

        @Test
        void unknownNameKindIsMalformed() {
            byte[] bytes = tnef().messageProps(Props.props().tag(MapiTag.PT_LONG, 0x8000)
                .raw(TnefBuilder.guid(MapiName.PS_PUBLIC_STRINGS)).raw(le32(2)).raw(le32(0))).build();
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069003 at offset 6: property 0x80000003 name kind 2 is neither 0 (MNID_ID)"
                    + " nor 1 (MNID_STRING)");
        }

        @Test
        void oversizedNameIsMalformed() {
            byte[] bytes = tnef().messageProps(Props.props().tag(MapiTag.PT_LONG, 0x8000)
                .raw(TnefBuilder.guid(MapiName.PS_PUBLIC_STRINGS)).raw(le32(1)).raw(le32(70_000))).build();
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069003 at offset 6: property 0x80000003 name of 70000 bytes is longer"
                    + " than 65536");
        }

        @Test
        void propertyCountBeyondTheAttributeIsMalformed() {
            byte[] bytes = tnef().message(TnefAttribute.ATT_MSG_PROPS, le32(1000)).build();
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069003 at offset 6: property count 1000 cannot fit in the 0 bytes left");
        }

        @Test
        void valueLongerThanItsAttributeIsMalformed() {
            byte[] bytes = tnef().messageProps(Props.props().tag(MapiTag.PT_BINARY, 0x0001).valueCount(1)
                .raw(le32(100)).raw(new byte[8])).build();
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069003 at offset 6: property 0x00010102 value needs 100 bytes but only 8"
                    + " remain of 24");
        }

        @Test
        void hugeValueCountIsRefusedWithoutAllocation() {
            byte[] bytes = tnef().messageProps(Props.props().tag(MapiTag.PT_LONG | MapiTag.MV_FLAG, 0x0001)
                .valueCount(0xFFFFFFFFL)).build();
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069003 at offset 6: property 0x00011003 declares 4294967295 values but"
                    + " only 0 bytes remain");
        }
    }

    @Nested
    class Bodies {
        @Test
        void binaryHtmlAndCompressedRtf() throws Exception {
            byte[] html = "<p>caf\u00e9</p>".getBytes(CP1252);
            byte[] bytes = tnef().messageProps(Props.props()
                .binary(MapiTag.PR_RTF_COMPRESSED, new byte[] {1, 2, 3})
                .binary(MapiTag.PR_HTML, html)).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.htmlBody().orElseThrow().toByteArray()).containsExactly(html);
                assertThat(message.htmlCharset()).isEqualTo(CP1252);
                assertThat(message.compressedRtf().orElseThrow().toByteArray()).containsExactly(1, 2, 3);
            }
        }

        @Test
        void stringHtmlIsGivenInUtf8() throws Exception {
            byte[] bytes = tnef().messageProps(Props.props().unicode(MapiTag.PR_HTML, "<p>✓</p>")).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.htmlBody().orElseThrow().toByteArray())
                    .containsExactly("<p>✓</p>".getBytes(StandardCharsets.UTF_8));
                assertThat(message.htmlCharset()).isEqualTo(StandardCharsets.UTF_8);
            }
        }
    }

    @Nested
    class Attachments {
        @Test
        void attachDataTitleAndProperties() throws Exception {
            byte[] bytes = tnef()
                .renddata(12)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("REPORT~1.PDF"))
                .attachment(TnefAttribute.ATT_ATTACH_DATA, new byte[] {'%', 'P', 'D', 'F'})
                .attachment(TnefAttribute.ATT_ATTACH_MODIFY_DATE, date(2010, 4, 28, 12, 40, 56, 3))
                .attachProps(Props.props()
                    .int32(MapiTag.PR_ATTACH_METHOD, 1)
                    .string8(MapiTag.PR_ATTACH_LONG_FILENAME, "Report 2010.pdf")
                    .string8(MapiTag.PR_ATTACH_MIME_TAG, "application/pdf")
                    .string8(MapiTag.PR_ATTACH_CONTENT_ID, "part1@x")
                    .string8(MapiTag.PR_ATTACH_CONTENT_LOCATION, "http://x/r.pdf")
                    .string8(MapiTag.PR_ATTACH_EXTENSION, ".pdf")
                    .int32(MapiTag.PR_ATTACH_FLAGS, 4))
                .build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.attachments()).hasSize(1);
                TnefAttachment a = message.attachments().get(0);
                assertThat(a.number()).isEqualTo(1);
                assertThat(a.name()).isEqualTo("Report 2010.pdf");
                assertThat(a.title()).contains("REPORT~1.PDF");
                assertThat(a.content().orElseThrow().toByteArray()).containsExactly('%', 'P', 'D', 'F');
                assertThat(a.size()).isEqualTo(4);
                assertThat(a.method()).isEqualTo(TnefAttachment.METHOD_BY_VALUE);
                assertThat(a.mimeTag()).contains("application/pdf");
                assertThat(a.contentId()).contains("part1@x");
                assertThat(a.contentLocation()).contains("http://x/r.pdf");
                assertThat(a.extension()).contains(".pdf");
                assertThat(a.flags()).hasValue(4);
                assertThat(a.renderingPosition()).hasValue(12);
                assertThat(a.embeddedMessage()).isEmpty();
                assertThat(a.attributes()).extracting(TnefAttribute::tag).containsExactly(0x9002, 0x8010, 0x800F,
                    0x8013);
                assertThat(a.attributes().get(3).dateValue()).contains(LocalDateTime.of(2010, 4, 28, 12, 40, 56));
            }
        }

        @Test
        void namePrecedence() throws Exception {
            byte[] bytes = tnef()
                .renddata(0xFFFFFFFFL)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("TITLE.TXT"))
                .attachProps(Props.props().string8(MapiTag.PR_ATTACH_LONG_FILENAME, "long8.txt")
                    .unicode(MapiTag.PR_ATTACH_LONG_FILENAME, "lóng.txt")
                    .string8(MapiTag.PR_DISPLAY_NAME, "display.txt"))
                .renddata(0)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("TITLE.TXT"))
                .attachProps(Props.props().string8(MapiTag.PR_DISPLAY_NAME, "display.txt")
                    .string8(MapiTag.PR_ATTACH_FILENAME, "FILE.TXT"))
                .renddata(0)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("TITLE.TXT"))
                .attachProps(Props.props().string8(MapiTag.PR_ATTACH_FILENAME, "FILE.TXT"))
                .renddata(0)
                .attachProps(Props.props().string8(MapiTag.PR_ATTACH_FILENAME, "FILE.TXT"))
                .renddata(0)
                .attachProps(Props.props().string8(MapiTag.PR_ATTACH_EXTENSION, "png"))
                .renddata(0)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("C:\\Users\\x\\..\\evil\u0007.exe"))
                .renddata(0)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("../"))
                .renddata(0)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("same.txt"))
                .renddata(0)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("same.txt"))
                .build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.attachments()).extracting(TnefAttachment::name).containsExactly("lóng.txt",
                    "display.txt", "TITLE.TXT", "FILE.TXT", "attachment-5.png", "evil.exe", "attachment-7",
                    "same.txt", "same.txt");
                assertThat(message.attachments().get(0).renderingPosition()).isEmpty();
                assertThat(message.attachments().get(1).renderingPosition()).hasValue(0);
                assertThat(message.attachments()).extracting(TnefAttachment::method)
                    .containsOnly(TnefAttachment.METHOD_NONE);
                assertThat(message.attachments()).extracting(TnefAttachment::number)
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
            }
        }

        @Test
        void eightBitNamesUseTheMessageCodePage() throws Exception {
            byte[] bytes = tnef().codePage(1252).renddata(0)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("d\u00f6cument.pdf", CP1252)).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.attachments().get(0).name()).isEqualTo("döcument.pdf");
            }
        }

        @Test
        void attachDataBinPropertyHoldsTheBytesWhenThereIsNoAttachData() throws Exception {
            byte[] bytes = tnef().renddata(0).attachProps(Props.props()
                .binary(MapiTag.PR_ATTACH_DATA, new byte[] {5, 6, 7})
                .unicode(MapiTag.PR_ATTACH_LONG_FILENAME, "x.bin")
                .int32(MapiTag.PR_ATTACH_METHOD, 1)
                .int32(MapiTag.PR_RENDERING_POSITION, 77)).build();
            try (TnefMessage message = read(bytes)) {
                TnefAttachment a = message.attachments().get(0);
                assertThat(a.content().orElseThrow().toByteArray()).containsExactly(5, 6, 7);
                assertThat(a.renderingPosition()).hasValue(77);
            }
        }

        @Test
        void attachDataWinsOverTheProperty() throws Exception {
            byte[] bytes = tnef().renddata(0).attachment(TnefAttribute.ATT_ATTACH_DATA, new byte[] {1})
                .attachProps(Props.props().binary(MapiTag.PR_ATTACH_DATA, new byte[] {2})).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.attachments().get(0).content().orElseThrow().toByteArray()).containsExactly(1);
            }
        }

        @Test
        void oleObjectLosesItsInterfaceId() throws Exception {
            byte[] bytes = tnef().renddata(0).attachProps(Props.props()
                .object(MapiTag.PR_ATTACH_DATA, TnefBuilder.IID_ISTORAGE, new byte[] {(byte) 0xD0, (byte) 0xCF})
                .int32(MapiTag.PR_ATTACH_METHOD, 6)).build();
            try (TnefMessage message = read(bytes)) {
                TnefAttachment a = message.attachments().get(0);
                assertThat(a.method()).isEqualTo(TnefAttachment.METHOD_OLE);
                assertThat(a.content().orElseThrow().toByteArray()).containsExactly(0xD0, 0xCF);
                assertThat(a.name()).isEqualTo("attachment-1");
            }
        }

        @Test
        void embeddedMessageIsReadRecursively() throws Exception {
            byte[] inner = tnef().codePage(1251)
                .message(TnefAttribute.ATT_MESSAGE_CLASS, sz("IPM.Note"))
                .message(TnefAttribute.ATT_SUBJECT, sz("Внутри", Charset.forName("windows-1251")))
                .renddata(0).attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("inner.txt"))
                .attachment(TnefAttribute.ATT_ATTACH_DATA, "hello".getBytes(StandardCharsets.US_ASCII))
                .build();
            byte[] bytes = tnef().renddata(0).attachProps(Props.props()
                .embedded(inner)
                .int32(MapiTag.PR_ATTACH_METHOD, 5)
                .string8(MapiTag.PR_DISPLAY_NAME, "Forwarded")).build();
            try (TnefMessage message = read(bytes)) {
                TnefAttachment a = message.attachments().get(0);
                assertThat(a.method()).isEqualTo(TnefAttachment.METHOD_EMBEDDED_MESSAGE);
                assertThat(a.content()).isEmpty();
                assertThat(a.name()).isEqualTo("Forwarded");
                TnefMessage embedded = a.embeddedMessage().orElseThrow();
                assertThat(embedded.depth()).isEqualTo(1);
                assertThat(embedded.subject()).contains("Внутри");
                assertThat(embedded.attachments().get(0).content().orElseThrow().toByteArray())
                    .containsExactly("hello".getBytes(StandardCharsets.US_ASCII));
                assertThat(a.properties().get(MapiTag.PR_ATTACH_DATA).orElseThrow().messageValue())
                    .containsSame(embedded);
                embedded.close();
                assertThat(embedded.attachments().get(0).content().orElseThrow().sha256Hex())
                    .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
            }
        }

        @Test
        void brokenEmbeddedMessageNamesWhereItIs() {
            byte[] inner = concat(tnef().build(), new byte[] {1, 0, 0});
            byte[] bytes = tnef().renddata(0).attachProps(Props.props().embedded(inner)).build();
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069005 at offset 31, embedded message in attachment 1 (depth 1): TNEF"
                    + " stream ends early: the attribute header at offset 6 has 3 of 9 bytes");
        }

        @Test
        void attachmentAttributesBeforeRenddataStartAnAttachment() throws Exception {
            byte[] bytes = tnef().attachment(TnefAttribute.ATT_ATTACH_DATA, new byte[] {1})
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("a")).renddata(0)
                .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("b")).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.attachments()).extracting(TnefAttachment::name).containsExactly("a", "b");
            }
        }
    }

    @Nested
    class Checksums {
        private final byte[] bad = tnef().attribute(1, TnefAttribute.ATT_SUBJECT, sz("hi"), 0x1234).build();

        @Test
        void strictFails() {
            TnefReadOptions strict = TnefReadOptions.builder().checksumMode(ChecksumMode.STRICT).build();
            assertThatThrownBy(() -> read(bad, strict)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00018004 at offset 6: checksum 0x1234 does not match the data (0x00D1)")
                .extracting(e -> ((TnefException) e).reason()).isEqualTo(TnefException.Reason.CHECKSUM);
        }

        @Test
        void warnKeepsTheAttributeAndSaysSo() throws Exception {
            try (TnefMessage message = read(bad)) {
                assertThat(message.subject()).contains("hi");
                assertThat(message.warnings()).containsExactly(
                    "attribute 0x00018004 at offset 6: checksum 0x1234 does not match the data (0x00D1)");
            }
        }

        @Test
        void ignoreIsSilent() throws Exception {
            TnefReadOptions ignore = TnefReadOptions.builder().checksumMode(ChecksumMode.IGNORE).build();
            try (TnefMessage message = read(bad, ignore)) {
                assertThat(message.subject()).contains("hi");
                assertThat(message.warnings()).isEmpty();
            }
        }

        @Test
        void checksumWrapsAt65536() throws Exception {
            byte[] data = new byte[300];
            java.util.Arrays.fill(data, (byte) 0xFF);
            byte[] bytes = tnef().attribute(1, TnefAttribute.ATT_BODY, data, (300 * 255) & 0xFFFF).build();
            TnefReadOptions strict = TnefReadOptions.builder().checksumMode(ChecksumMode.STRICT).build();
            try (TnefMessage message = read(bytes, strict)) {
                assertThat(message.warnings()).isEmpty();
            }
        }
    }

    @Nested
    class Structure {
        @Test
        void trailingGarbageIsAWarning() throws Exception {
            byte[] bytes = tnef().message(TnefAttribute.ATT_SUBJECT, sz("s")).raw(new byte[] {'\r', '\n'}).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.subject()).contains("s");
                assertThat(message.warnings()).containsExactly(
                    "ignored trailing data from offset 19: byte 0x0D is not an attribute level");
            }
        }

        @Test
        void truncatedHeader() {
            byte[] bytes = tnef().raw(new byte[] {1, 4, (byte) 0x80}).build();
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("TNEF stream ends early: the attribute header at offset 6 has 3 of 9 bytes");
        }

        @Test
        void truncatedData() {
            byte[] full = tnef().message(TnefAttribute.ATT_BODY, new byte[100]).build();
            byte[] bytes = java.util.Arrays.copyOf(full, 6 + 9 + 40);
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x0002800C at offset 6 declares 100 bytes but the input ends after 40");
        }

        @Test
        void missingChecksum() {
            byte[] full = tnef().message(TnefAttribute.ATT_BODY, new byte[4]).build();
            byte[] bytes = java.util.Arrays.copyOf(full, full.length - 1);
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("TNEF stream ends early: attribute 0x0002800C at offset 6 has no complete checksum");
        }

        @Test
        void unusedBytesAtTheEndOfAPropertyListAreSkipped() throws Exception {
            byte[] list = concat(Props.props().int32(1, 9).build(), new byte[] {1, 2, 3});
            byte[] bytes = tnef().message(TnefAttribute.ATT_MSG_PROPS, list).message(TnefAttribute.ATT_SUBJECT,
                sz("after")).build();
            try (TnefMessage message = read(bytes)) {
                assertThat(message.properties().get(1).orElseThrow().intValue()).hasValue(9);
                assertThat(message.subject()).contains("after");
            }
        }
    }

    @Nested
    class Limits {
        @Test
        void declaredAttributeLengthIsCheckedBeforeReading() {
            byte[] bytes = tnef().raw(new byte[] {1}).raw(le32(TnefAttribute.ATT_BODY)).raw(le32(873_000_000L))
                .build();
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x0002800C at offset 6 declares 873000000 bytes, more than maxAttributeLength"
                    + " 268435456")
                .extracting(e -> ((TnefException) e).reason()).isEqualTo(TnefException.Reason.LIMIT);
        }

        @Test
        void maxAttributeLength() {
            byte[] bytes = tnef().message(TnefAttribute.ATT_BODY, new byte[11]).build();
            assertThatThrownBy(() -> read(bytes, limits(TnefLimits.builder().maxAttributeLength(10))))
                .hasMessage("attribute 0x0002800C at offset 6 declares 11 bytes, more than maxAttributeLength 10");
        }

        @Test
        void maxTotalLength() {
            byte[] bytes = tnef().message(TnefAttribute.ATT_BODY, new byte[100]).build();
            assertThatThrownBy(() -> read(bytes, limits(TnefLimits.builder().maxTotalLength(50))))
                .isInstanceOf(TnefException.class).hasMessage("TNEF stream is longer than maxTotalLength 50 bytes");
        }

        @Test
        void maxAttributes() {
            byte[] bytes = tnef().message(TnefAttribute.ATT_SUBJECT, sz("a")).message(TnefAttribute.ATT_BODY,
                sz("b")).build();
            assertThatThrownBy(() -> read(bytes, limits(TnefLimits.builder().maxAttributes(1))))
                .isInstanceOf(TnefException.class).hasMessage("more than maxAttributes 1 attributes");
        }

        @Test
        void maxAttachments() {
            byte[] bytes = tnef().renddata(0).renddata(0).renddata(0).build();
            assertThatThrownBy(() -> read(bytes, limits(TnefLimits.builder().maxAttachments(2))))
                .isInstanceOf(TnefException.class).hasMessage("more than maxAttachments 2 attachments");
        }

        @Test
        void maxPropertiesCountsEachValue() {
            byte[] bytes = tnef().messageProps(Props.props().int32(1, 1)
                .tag(MapiTag.PT_LONG | MapiTag.MV_FLAG, 2).valueCount(3).raw(le32(1)).raw(le32(2)).raw(le32(3)))
                .build();
            assertThatThrownBy(() -> read(bytes, limits(TnefLimits.builder().maxProperties(3))))
                .isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069003 at offset 6: more than maxProperties 3 MAPI property values");
        }

        @Test
        void maxDepth() throws Exception {
            byte[] level2 = tnef().message(TnefAttribute.ATT_SUBJECT, sz("deep")).build();
            byte[] level1 = tnef().renddata(0).attachProps(Props.props().embedded(level2)).build();
            byte[] top = tnef().renddata(0).attachProps(Props.props().embedded(level1)).build();
            try (TnefMessage message = read(top, limits(TnefLimits.builder().maxDepth(2)))) {
                assertThat(message.attachments().get(0).embeddedMessage().orElseThrow().attachments().get(0)
                    .embeddedMessage().orElseThrow().subject()).contains("deep");
            }
            assertThatThrownBy(() -> read(top, limits(TnefLimits.builder().maxDepth(1))))
                .isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069005 at offset 31, embedded message in attachment 1 (depth 1): attribute"
                    + " 0x00069005 at offset 31: embedded message in attachment 1 is nested deeper than maxDepth 1");
        }

        @Test
        void defaults() {
            TnefLimits limits = TnefLimits.defaults();
            assertThat(limits.maxAttributeLength()).isEqualTo(256L * 1024 * 1024);
            assertThat(limits.maxTotalLength()).isEqualTo(1024L * 1024 * 1024);
            assertThat(limits.maxAttributes()).isEqualTo(20_000);
            assertThat(limits.maxAttachments()).isEqualTo(2_000);
            assertThat(limits.maxProperties()).isEqualTo(100_000);
            assertThat(limits.maxDepth()).isEqualTo(10);
            TnefReadOptions options = TnefReadOptions.defaults();
            assertThat(options.checksumMode()).isEqualTo(ChecksumMode.WARN);
            assertThat(options.memoryThreshold()).isEqualTo(1024 * 1024);
            assertThat(options.memoryBudget()).isEqualTo(16L * 1024 * 1024);
            assertThat(options.tempDirectory()).isEmpty();
            assertThat(options.limits()).isSameAs(limits);
        }

        @Test
        void badLimitValuesAreRefused() {
            assertThatThrownBy(() -> TnefLimits.builder().maxAttributeLength(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttributeLength must be positive, got 0");
            assertThatThrownBy(() -> TnefLimits.builder().maxTotalLength(-1))
                .hasMessage("maxTotalLength must be positive, got -1");
            assertThatThrownBy(() -> TnefLimits.builder().maxAttributes(0))
                .hasMessage("maxAttributes must be positive, got 0");
            assertThatThrownBy(() -> TnefLimits.builder().maxAttachments(-1))
                .hasMessage("maxAttachments must be 0 or more, got -1");
            assertThatThrownBy(() -> TnefLimits.builder().maxProperties(-1))
                .hasMessage("maxProperties must be 0 or more, got -1");
            assertThatThrownBy(() -> TnefLimits.builder().maxDepth(-1))
                .hasMessage("maxDepth must be 0 or more, got -1");
            assertThatThrownBy(() -> TnefReadOptions.builder().memoryThreshold(-1))
                .hasMessage("memoryThreshold must be 0 or more, got -1");
            assertThatThrownBy(() -> TnefReadOptions.builder().memoryBudget(-1))
                .hasMessage("memoryBudget must be 0 or more, got -1");
        }
    }

    @Nested
    class Storage {
        @TempDir
        Path temp;

        private byte[] sample() {
            byte[] data = new byte[200_000];
            new java.util.Random(1).nextBytes(data);
            return tnef().message(TnefAttribute.ATT_SUBJECT, sz("s")).renddata(0)
                .attachment(TnefAttribute.ATT_ATTACH_DATA, data)
                .attachProps(Props.props().binary(0x0001, new byte[] {1, 2, 3})
                    .string8(MapiTag.PR_ATTACH_LONG_FILENAME, "big.bin")).build();
        }

        private List<Path> files() throws IOException {
            try (Stream<Path> s = Files.list(temp)) {
                return s.collect(java.util.stream.Collectors.toList());
            }
        }

        @Test
        void largeValuesGoToOneTemporaryFileDeletedOnClose() throws Exception {
            TnefReadOptions options = TnefReadOptions.builder().tempDirectory(temp).memoryThreshold(100_000).build();
            TnefMessage message = read(sample(), options);
            TnefAttachment a = message.attachments().get(0);
            assertThat(a.content().orElseThrow().inMemory()).isFalse();
            assertThat(a.properties().get(1).orElseThrow().contentValue().orElseThrow().inMemory()).isTrue();
            assertThat(a.size()).isEqualTo(200_000);
            assertThat(a.name()).isEqualTo("big.bin");
            assertThat(files()).hasSize(1);
            byte[] data = a.content().orElseThrow().toByteArray();
            assertThat(a.content().orElseThrow().slice(10, 5).toByteArray())
                .containsExactly(java.util.Arrays.copyOfRange(data, 10, 15));
            message.close();
            assertThat(files()).isEmpty();
            assertThatThrownBy(() -> a.content().orElseThrow().toByteArray()).isInstanceOf(IOException.class)
                .hasMessage("TNEF content is no longer available: its message was closed");
        }

        @Test
        void zeroThresholdAndBudgetSendEverythingToTheFile() throws Exception {
            TnefReadOptions options = TnefReadOptions.builder().tempDirectory(temp).memoryThreshold(0)
                .memoryBudget(0).build();
            try (TnefMessage message = read(sample(), options)) {
                assertThat(message.attributes().get(0).content().inMemory()).isFalse();
                assertThat(message.subject()).contains("s");
                assertThat(message.attachments().get(0).name()).isEqualTo("big.bin");
            }
            assertThat(files()).isEmpty();
        }

        @Test
        void failedReadDeletesItsTemporaryFile() throws Exception {
            byte[] full = sample();
            byte[] cut = java.util.Arrays.copyOf(full, full.length - 100);
            TnefReadOptions options = TnefReadOptions.builder().tempDirectory(temp).build();
            assertThatThrownBy(() -> read(cut, options)).isInstanceOf(TnefException.class);
            assertThat(files()).isEmpty();
        }

        @Test
        void contentSliceBounds() {
            TnefContent content = TnefContent.of(new byte[] {1, 2, 3});
            assertThatThrownBy(() -> content.slice(2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice [2, +2) is outside content of 3 bytes");
            assertThat(content.slice(3).size()).isZero();
        }
    }

}
