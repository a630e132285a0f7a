package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversionRunTest {
    private final ConversionRun run = new ConversionRun(RemoteDomainSettings.defaults(), ConversionScope.FULL, 0,
        ConversionLimits.defaults(), ConversionOptions.defaults(), HtmlToText.withDefaults());

    /** Text that decoded HTML entities can produce: what each charset's own encoder says is what fits says. */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "Grüße €", "日本語", "emoji \uD83D\uDE00 pair", "lone \uD800 high", "lone \uDC00 low",
        "end \uD83D", "\uDE00 start", "reversed \uDE00\uD83D", ""})
    void fitsSaysWhatTheEncoderSays(String text) {
        for (Charset charset : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
            StandardCharsets.US_ASCII}) {
            assertThat(run.fits(text, charset)).as("%s in %s", text, charset)
                .isEqualTo(charset.newEncoder().canEncode(text));
        }
    }
}
