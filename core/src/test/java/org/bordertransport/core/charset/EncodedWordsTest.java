package org.bordertransport.core.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.charset.Iso2022JpTestSupport.JDK_WINDOWS_ISO2022JP;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EncodedWordsTest {
    private static final Pattern WORD = Pattern.compile("=\\?ISO-2022-JP\\?B\\?([A-Za-z0-9+/=]*)\\?=");
    private static final Iso2022JpEncoder CP50220 = Iso2022JpEncoder.of(Iso2022JpVariant.CP50220);
    private static final String LONG_SUBJECT = "【重要】来週の打ち合わせについて ～ 第①回 髙橋様・﨑田様 ㈱ボーダー "
        + "Re: Fwd: meeting notes and the agenda for the next quarter, ｶﾞｲﾄﾞﾗｲﾝ ﾊﾟｽﾜｰﾄﾞ 変更のお願い";

    /** Decodes each word on its own (the strict decoder requires each to end in ASCII) and joins them. */
    private static String decodeWords(String encoded, List<String> words) throws CharsetConversionException {
        StringBuilder text = new StringBuilder();
        Matcher matcher = WORD.matcher(encoded);
        while (matcher.find()) {
            words.add(matcher.group());
            byte[] payload = Base64.getDecoder().decode(matcher.group(1));
            text.append(Iso2022JpDecoder.create().decode(payload));
            assertThat(new String(payload, JDK_WINDOWS_ISO2022JP)).isEqualTo(Iso2022JpDecoder.create().decode(payload));
        }
        assertThat(WORD.matcher(encoded).replaceAll("")).matches("(\r\n )*");
        return text.toString();
    }

    @Test
    void shouldEncodeAShortValueAsOneWord() throws Exception {
        assertThat(EncodedWords.encode("日本語", CP50220, "Subject: ".length()))
            .isEqualTo("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=");
        assertThat(EncodedWords.encode("", CP50220, 9)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Iso2022JpVariant.class, names = {"CP50221", "CP50222"})
    void shouldSplitIntoSelfContainedWordsWithinTheLimits(Iso2022JpVariant variant) throws Exception {
        String used = "Subject: ";
        String encoded = EncodedWords.encode(LONG_SUBJECT, Iso2022JpEncoder.of(variant), used.length());
        List<String> words = new ArrayList<>();

        assertThat(decodeWords(encoded, words)).isEqualTo(LONG_SUBJECT);
        assertThat(words).hasSizeGreaterThan(4).allSatisfy(word -> assertThat(word.length()).isLessThanOrEqualTo(75));
        assertThat(words).anySatisfy(word -> assertThat(word).hasSize(74));
        assertThat((used + encoded).split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
    }

    @Test
    void shouldNeverSplitAKanaFromItsVoicedMarkInCp50220() throws Exception {
        String kana = "ｶﾞ".repeat(60) + "ﾊﾟ".repeat(60);
        String encoded = EncodedWords.encode(kana, CP50220, 0);
        List<String> words = new ArrayList<>();

        assertThat(decodeWords(encoded, words)).isEqualTo("ガ".repeat(60) + "パ".repeat(60));
        assertThat(words).hasSizeGreaterThan(3);
    }

    @Test
    void shouldNeverSplitASurrogatePairOrCharacter() throws Exception {
        String text = "a漢".repeat(50);
        String encoded = EncodedWords.encode(text, Iso2022JpEncoder.of(Iso2022JpVariant.CP50221), 30);

        assertThat(decodeWords(encoded, new ArrayList<>())).isEqualTo(text);
    }

    @Test
    void shouldFoldFirstWhenTheFirstLineHasNoRoom() throws Exception {
        String encoded = EncodedWords.encode("日本語", CP50220, 60);

        assertThat(encoded).isEqualTo("\r\n =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=");
    }

    @Test
    void shouldUseTheRoomLeftOnTheFirstLine() throws Exception {
        String used = "X-A-Rather-Long-Header-Name-For-Testing: ";
        String encoded = EncodedWords.encode(LONG_SUBJECT, CP50220, used.length());

        String firstLine = (used + encoded).split("\r\n")[0];
        assertThat(firstLine.length()).isLessThanOrEqualTo(76).isGreaterThan(used.length());
    }

    @Test
    void shouldReportUnmappableCharacters() {
        assertThatThrownBy(() -> EncodedWords.encode("件名😀", CP50220, 9))
            .isInstanceOf(CharsetConversionException.class)
            .hasMessage("U+1F600 at index 2 cannot be encoded in ISO-2022-JP (code page 50220)");
    }

    @Test
    void shouldRejectLineBreaks() {
        assertThatThrownBy(() -> EncodedWords.encode("a\r\n b", CP50220, 9))
            .isInstanceOf(CharsetConversionException.class)
            .hasMessage("header value contains a line break at index 1: unfold it first");
    }

    @Test
    void shouldRejectValuesOverTheLimit() {
        assertThatThrownBy(() -> EncodedWords.encode("あ".repeat(EncodedWords.MAX_VALUE_LENGTH + 1), CP50220, 9))
            .isInstanceOf(CharsetConversionException.class)
            .hasMessage("header value of 16385 characters exceeds the limit of 16384");
    }

    @Test
    void shouldRejectAnImpossibleFirstLineUse() {
        assertThatThrownBy(() -> EncodedWords.encode("a", CP50220, 77))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("usedOnFirstLine must be 0-76, got 77");
        assertThatThrownBy(() -> EncodedWords.encode("a", CP50220, -1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("usedOnFirstLine must be 0-76, got -1");
    }
}
