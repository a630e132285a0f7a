package org.bordertransport.cli.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TnefSafeNamesTest {
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "report.pdf | report.pdf",
        "../../etc/passwd | passwd",
        "..\\..\\windows\\system32\\x.dll | x.dll",
        "C:\\x\\y.txt | y.txt",
        "/etc/shadow | shadow",
        "C:y.txt | C_y.txt",
        "CON | _CON",
        "con | _con",
        "nul.txt | _nul.txt",
        "Aux.tar.gz | _Aux.tar.gz",
        "COM1 | _COM1",
        "lpt9.doc | _lpt9.doc",
        "CONFIG.SYS | CONFIG.SYS",
        "console.log | console.log",
        ".bashrc | bashrc",
        "...hidden | hidden",
        "'  spaced name.txt  ' | spaced name.txt",
        "trailing dots... | trailing dots",
        "a:b*c?.txt | a_b_c_.txt",
        "'quote\"d<>|.txt' | quote_d___.txt",
        "Résumé 日本語.pdf | Résumé 日本語.pdf",
        "emoji 😀.png | emoji 😀.png",
    })
    void sanitise(String name, String expected) {
        assertThat(SafeNames.sanitise(name, "attachment-1")).isEqualTo(expected);
    }

    @Test
    void controlBidiAndSeparatorCharactersBecomeUnderscores() {
        assertThat(SafeNames.sanitise("a\u0000b\u0007c\u007fd\u0085e.txt", "x")).isEqualTo("a_b_c_d_e.txt");
        assertThat(SafeNames.sanitise("line\nbreak\u2028.txt", "x")).isEqualTo("line_break_.txt");
        assertThat(SafeNames.sanitise("invoice\u202Efdp.exe", "x")).isEqualTo("invoice_fdp.exe");
        assertThat(SafeNames.sanitise("lone\uD800surrogate.txt", "x")).isEqualTo("lone_surrogate.txt");
    }

    @Test
    void nothingLeftGivesTheFallback() {
        assertThat(SafeNames.sanitise("", "attachment-3")).isEqualTo("attachment-3");
        assertThat(SafeNames.sanitise("..", "attachment-3")).isEqualTo("attachment-3");
        assertThat(SafeNames.sanitise(".", "attachment-3")).isEqualTo("attachment-3");
        assertThat(SafeNames.sanitise("../", "attachment-3")).isEqualTo("attachment-3");
        assertThat(SafeNames.sanitise("dir\\", "attachment-3")).isEqualTo("attachment-3");
        assertThat(SafeNames.sanitise(" . . ", "attachment-3")).isEqualTo("attachment-3");
        assertThatThrownBy(() -> SafeNames.sanitise("..", ".."))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("fallback name '..' is empty once made safe");
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String name = SafeNames.sanitise("é".repeat(300) + ".pdf", "x");
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(SafeNames.MAX_BYTES);
        assertThat(name).isEqualTo("é".repeat(98) + ".pdf");

        String noExtension = SafeNames.sanitise("日".repeat(100), "x");
        assertThat(noExtension).isEqualTo("日".repeat(66));

        String longExtension = SafeNames.sanitise("a." + "b".repeat(300), "x");
        assertThat(longExtension).isEqualTo("a." + "b".repeat(198));

        assertThat(SafeNames.sanitise("😀".repeat(60) + ".txt", "x")).isEqualTo("😀".repeat(49) + ".txt");
    }

    @Test
    void numberedGoesBeforeTheExtension() {
        assertThat(SafeNames.numbered("report.pdf", 2)).isEqualTo("report (2).pdf");
        assertThat(SafeNames.numbered("archive.tar.gz", 3)).isEqualTo("archive.tar (3).gz");
        assertThat(SafeNames.numbered("README", 10)).isEqualTo("README (10)");
    }
}
