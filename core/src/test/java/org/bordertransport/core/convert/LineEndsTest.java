package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineEndsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty||",
        "no line end|abc|abc",
        "LF|a\\nb\\n|a\\r\\nb\\r\\n",
        "CR|a\\rb|a\\r\\nb",
        "CRLF kept|a\\r\\nb\\r\\n|a\\r\\nb\\r\\n",
        "mixed|a\\r\\nb\\nc\\rd|a\\r\\nb\\r\\nc\\r\\nd",
        "CR CR LF|a\\r\\r\\nb|a\\r\\n\\r\\nb",
        "LF CR|a\\n\\rb|a\\r\\n\\r\\nb",
        "lone CR at the end|a\\r|a\\r\\n",
        "after text in UTF-16|日本語\\nGrüße\\r\\n€|日本語\\r\\nGrüße\\r\\n€",
    })
    void makesEveryLineEndCrlf(String name, String text, String expected) {
        assertThat(LineEnds.crlf(unescape(text))).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"nothing to do|abc", "CRLF only|a\\r\\nb\\r\\n"})
    void givesTextWithoutBareLineEndsBackAsItIs(String name, String text) {
        String unescaped = unescape(text);

        assertThat(LineEnds.crlf(unescaped)).isSameAs(unescaped);
    }

    private static String unescape(String text) {
        return text == null ? "" : text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
