package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParameterEncodingTest {
    private static final String LONG_NAME = "\u8acb\u6c42\u66f8_2024\u5e74\u5ea6_\u682a\u5f0f\u4f1a\u793e"
        + "\u30b5\u30f3\u30d7\u30eb_\u6771\u4eac\u672c\u793e\u55b6\u696d\u90e8_\u6700\u7d42\u7248 \ud83d\udcc4 "
        + "Gr\u00f6\u00dfe \u00fcbersicht.pdf";

    @Test
    void shouldUseTokensAndQuotedStringsForAscii() throws Exception {
        assertThat(ParameterEncoding.rfc2231("filename", "report.pdf", StandardCharsets.UTF_8))
            .containsExactly("filename=report.pdf");
        assertThat(ParameterEncoding.rfc2231("filename", "my \"big\" report.pdf", StandardCharsets.UTF_8))
            .containsExactly("filename=\"my \\\"big\\\" report.pdf\"");
    }

    @Test
    void shouldPercentEncodeNonAscii() throws Exception {
        assertThat(ParameterEncoding.rfc2231("filename", "\u20ac rates.pdf", StandardCharsets.UTF_8))
            .containsExactly("filename*=utf-8''%E2%82%AC%20rates.pdf");
    }

    @Test
    void longValuesShouldBeContinuedAndRoundTrip() throws Exception {
        List<String> pieces = ParameterEncoding.rfc2231("filename", LONG_NAME, StandardCharsets.UTF_8);
        assertThat(pieces.size()).isGreaterThan(3);
        assertThat(pieces.get(0)).startsWith("filename*0*=utf-8''");
        assertThat(pieces.get(1)).startsWith("filename*1*=%");
        for (String piece : pieces) {
            assertThat(piece.length()).isLessThanOrEqualTo(76);
            assertThat(HeaderEncoding.needsEncoding(piece)).isFalse();
        }
        String header = "attachment; " + String.join("; ", pieces);
        String folded = LineLimit.fold("Content-Disposition", header, true);
        for (String line : ("Content-Disposition: " + folded).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        ParameterEncoding.Parsed parsed = ParameterEncoding.parse(folded);
        assertThat(parsed.value()).isEqualTo("attachment");
        assertThat(parsed.parameter("FILENAME")).contains(LONG_NAME);
    }

    @Test
    void longAsciiValuesShouldBeContinuedAsQuotedSections() throws Exception {
        String name = "a \"quoted\" " + "x".repeat(150) + ".txt";
        List<String> pieces = ParameterEncoding.rfc2231("filename", name, StandardCharsets.UTF_8);
        assertThat(pieces.get(0)).startsWith("filename*0=\"a \\\"quoted\\\" x");
        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(76));
        assertThat(ParameterEncoding.parse("attachment; " + String.join("; ", pieces)).parameter("filename"))
            .contains(name);
    }

    @Test
    void legacyFormShouldBeQuotedEncodedWords() throws Exception {
        String legacy = ParameterEncoding.rfc2047Quoted("name", LONG_NAME, StandardCharsets.UTF_8);
        assertThat(legacy).startsWith("name=\"=?UTF-8?B?").endsWith("?=\"");
        assertThat(ParameterEncoding.parse("application/pdf; " + legacy).parameter("name")).contains(LONG_NAME);
        String folded = LineLimit.fold("Content-Type", "application/pdf; " + legacy, true);
        for (String line : ("Content-Type: " + folded).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(ParameterEncoding.parse(folded).parameter("name")).contains(LONG_NAME);
        assertThat(ParameterEncoding.rfc2047Quoted("name", "a.pdf", StandardCharsets.UTF_8)).isEqualTo("name=\"a.pdf\"");
    }

    @Test
    void shouldDecodeRfc2231Examples() throws Exception {
        assertThat(ParameterEncoding.parse("message/external-body; access-type=URL;\r\n"
            + "      URL*0=\"ftp://\";\r\n      URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"")
            .parameter("url")).contains("ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar");
        assertThat(ParameterEncoding.parse("application/x-stuff;\r\n"
            + "      title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A").parameter("title"))
            .contains("This is ***fun***");
        ParameterEncoding.Parsed mixed = ParameterEncoding.parse("application/x-stuff;\r\n"
            + "      title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n"
            + "      title*1*=%2A%2A%2Afun%2A%2A%2A%20;\r\n"
            + "      title*2=\"isn't it!\"");
        assertThat(mixed.value()).isEqualTo("application/x-stuff");
        assertThat(mixed.parameters()).isEqualTo(Map.of("title", "This is even more ***fun*** isn't it!"));
    }

    @Test
    void parseShouldTolerateBrokenInput() throws Exception {
        assertThat(ParameterEncoding.parse("attachment; filename*=utf-8''100%25%2").parameter("filename"))
            .contains("100%%2");
        assertThat(ParameterEncoding.parse("attachment; filename*=x-unknown''caf%C3%A9").parameter("filename"))
            .contains("caf\u00e9");
        assertThat(ParameterEncoding.parse("attachment; filename*=x-unknown''caf%E9").parameter("filename"))
            .contains("caf\u00e9");
        assertThat(ParameterEncoding.parse("attachment; filename=\"unterminated").parameter("filename"))
            .contains("unterminated");
        assertThat(ParameterEncoding.parse("attachment; junk; filename=a.txt; filename=b.txt").parameters())
            .isEqualTo(Map.of("filename", "a.txt"));
        assertThat(ParameterEncoding.parse("attachment; filename*0*=utf-8''a; filename*2*=c").parameter("filename"))
            .as("stops at the gap").contains("a");
        assertThat(ParameterEncoding.parse("attachment; filename=old.txt; filename*=utf-8''n%C3%A9w.txt")
            .parameter("filename")).contains("n\u00e9w.txt");
        assertThat(ParameterEncoding.parse("attachment; filename==?ISO-8859-1?Q?caf=E9?=").parameter("filename"))
            .contains("caf\u00e9");
    }

    @Test
    void shouldRefuseANameTooLongForAnyContinuationInsteadOfLoopingForever() throws EncodingException {
        // found by MessageConverterFuzzTest (timeout-a451de82...): an 85-character parameter name of a mangled header
        String name = "bou" + "_".repeat(80) + "ndary";
        assertThatThrownBy(() -> ParameterEncoding.rfc2231(name, "outer-boundary", StandardCharsets.UTF_8))
            .isInstanceOf(EncodingException.class)
            .hasMessage("parameter " + name + ": the name leaves no room for a character in 76 characters");
        String n = "n".repeat(66);
        assertThat(ParameterEncoding.rfc2231(n, "v".repeat(20), StandardCharsets.UTF_8)).containsExactly(
            n + "*0=\"vvvvv\"", n + "*1=\"vvvvv\"", n + "*2=\"vvvvv\"", n + "*3=\"vvvvv\"");
    }

    @Test
    void shouldEnforceLimits() {
        assertThatThrownBy(() -> ParameterEncoding.rfc2231("filename", "x".repeat(4097), StandardCharsets.UTF_8))
            .isInstanceOf(EncodingException.class)
            .hasMessage("parameter value of 4097 characters is over the limit of 4096");
        assertThatThrownBy(() -> ParameterEncoding.parse("a; " + "x=y; ".repeat(20_000)))
            .hasMessage("header value of 100003 characters is over the limit of 65536");
        StringBuilder many = new StringBuilder("attachment");
        for (int i = 0; i < 300; i++) {
            many.append("; f*").append(i).append("=x");
        }
        assertThatThrownBy(() -> ParameterEncoding.parse(many.toString()))
            .hasMessage("parameter f has 300 sections, over the limit of 256");
        assertThatThrownBy(() -> ParameterEncoding.rfc2231("file name", "x", StandardCharsets.UTF_8))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'file name' is not a parameter name: expected a token such as filename, without '*', ''' or '%'");
        assertThatThrownBy(() -> ParameterEncoding.rfc2231("filename", "\u65e5", StandardCharsets.ISO_8859_1))
            .hasMessage("'\u65e5' cannot be represented in charset ISO-8859-1: use UTF-8 or a charset that has all "
                + "its characters");
    }

    @Test
    void shouldEncodeInAGivenCharset() throws Exception {
        Charset sjis = Charset.forName("Shift_JIS");
        List<String> pieces = ParameterEncoding.rfc2231("filename", "\u8cc7\u6599.xls", sjis);
        assertThat(pieces).containsExactly("filename*=shift_jis''%8E%91%97%BF.xls");
        assertThat(ParameterEncoding.parse("attachment; " + pieces.get(0)).parameter("filename"))
            .contains("\u8cc7\u6599.xls");
    }

    @Test
    void isStrictReadsWhatJavaxMailReads() {
        for (String ok : new String[] {"text/plain", "text/plain; charset=utf-8", " text/plain ; charset = \"utf-8\" ",
            "multipart/mixed; boundary=\"=_a b\"", "application/pdf; name=\"r\u00e9sum\u00e9.pdf\"",
            "text/plain; charset=us-ascii;", "application/x; name*=utf-8''%C3%A9.pdf; name*0*=x"}) {
            assertThat(ParameterEncoding.isStrict(ok, true)).as(ok).isTrue();
        }
        for (String bad : new String[] {"text", "text/", "application/msword; name==?koi8-r?B?89DJ08/LLmRvYw==?=",
            "application/pdf;; name=a", "application/pdf; name=report 1.pdf", "application/pdf; name=\"open",
            "text/plain; charset", "text/plain (comment)", "application/pdf; name=r\u00e9sum\u00e9.pdf",
            "text/plain; a=b c=d"}) {
            assertThat(ParameterEncoding.isStrict(bad, true)).as(bad).isFalse();
        }
        assertThat(ParameterEncoding.isStrict("attachment; filename=\"a b\"", false))
            .isTrue();
        assertThat(ParameterEncoding.isStrict("attachment; filename=a b", false))
            .isFalse();
    }
}
