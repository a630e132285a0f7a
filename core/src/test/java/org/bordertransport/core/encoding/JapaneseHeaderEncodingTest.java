package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.core.charset.CharsetConversionException;
import org.bordertransport.core.charset.Iso2022JpDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ISO-2022-JP encoded-words (RFC 1468, code page 50220) for subjects and display names. */
class JapaneseHeaderEncodingTest {
    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final Charset JDK_WINDOWS_ISO2022JP = Charset.forName("x-windows-iso2022jp");
    private static final Pattern WORD = Pattern.compile("=\\?ISO-2022-JP\\?B\\?([A-Za-z0-9+/=]*)\\?=");
    /** Windows-typed characters (CP932 mapping), NEC and IBM extensions, half-width kana, ASCII words. */
    private static final String SUBJECT = "【重要】来週の打ち合わせ ～ 第①回 Ⅰ期 ∥ ￠￡￢ － 髙橋様・﨑田様 ㈱ボーダー "
        + "Re: Fwd: meeting notes and the agenda for the next quarter, ｶﾞｲﾄﾞﾗｲﾝ ﾊﾟｽﾜｰﾄﾞ 変更のお願い";
    private static final String SUBJECT_FULL_WIDTH = SUBJECT.replace("ｶﾞｲﾄﾞﾗｲﾝ", "ガイドライン")
        .replace("ﾊﾟｽﾜｰﾄﾞ", "パスワード");

    /** Decodes each word on its own (each must end in ASCII) and joins words and the text between them. */
    private static String decode(String value, List<String> words) throws CharsetConversionException {
        StringBuilder text = new StringBuilder();
        Matcher matcher = WORD.matcher(value);
        int last = 0;
        String between = "";
        while (matcher.find()) {
            between = value.substring(last, matcher.start()).replace("\r\n", "");
            text.append(words.isEmpty() || !between.isBlank() ? between : "");
            words.add(matcher.group());
            byte[] payload = Base64.getDecoder().decode(matcher.group(1));
            String decoded = Iso2022JpDecoder.withMaxChars(1000).decode(payload);
            assertThat(new String(payload, JDK_WINDOWS_ISO2022JP)).as("Java's x-windows-iso2022jp reads the word alike").isEqualTo(decoded);
            text.append(decoded);
            last = matcher.end();
        }
        text.append(value.substring(last).replace("\r\n", ""));
        return text.toString();
    }

    @Test
    void shortSubjectIsOneWord() throws Exception {
        assertThat(HeaderEncoding.encodeUnstructured("Subject", "日本語", ISO_2022_JP, HeaderEncoding.WordEncoding.B))
            .isEqualTo("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"B", "Q", "SHORTEST"})
    void subjectRoundTripsWithWindowsCharactersAndFullWidthKanaWhateverTheWordEncodingAsked(String encoding)
        throws Exception {
        String value = HeaderEncoding.encodeUnstructured("Subject", SUBJECT, ISO_2022_JP,
            HeaderEncoding.WordEncoding.valueOf(encoding));
        List<String> words = new ArrayList<>();

        assertThat(decode(value, words)).isEqualTo(SUBJECT_FULL_WIDTH);
        assertThat(words).hasSizeGreaterThan(4).allSatisfy(w -> assertThat(w.length()).isLessThanOrEqualTo(75));
        assertThat(("Subject: " + value).split("\r\n")).allSatisfy(line ->
            assertThat(line.length()).isLessThanOrEqualTo(78));
        for (String word : words) {
            String payload = new String(Base64.getDecoder().decode(word.substring(16, word.length() - 2)),
                java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(payload).as("never ESC ( I or SO/SI in a header").doesNotContain("\u001b(I")
                .doesNotContain("\u000e");
            assertThat(payload.lastIndexOf('\u001b')).as("each word returns to ASCII")
                .isEqualTo(payload.lastIndexOf("\u001b(B"));
        }
    }

    @Test
    void aKanaIsNeverSplitFromItsVoicedMark() throws Exception {
        String kana = "ｶﾞ".repeat(60) + "ﾊﾟ".repeat(60);
        String value = HeaderEncoding.encodeUnstructured("Subject", kana, ISO_2022_JP, HeaderEncoding.WordEncoding.B);
        List<String> words = new ArrayList<>();

        assertThat(decode(value, words)).isEqualTo("ガ".repeat(60) + "パ".repeat(60));
        assertThat(words).hasSizeGreaterThan(3);
    }

    @Test
    void displayNamesUseTheSameMapping() throws Exception {
        String value = HeaderEncoding.encodeAddressList("From", "髙橋 ～ ㈱ボーダー <takahashi@example.jp>, "
            + "\"ﾊﾟｽﾜｰﾄﾞ 係\" <pw@example.jp>", ISO_2022_JP, HeaderEncoding.WordEncoding.B);

        assertThat(value).contains("<takahashi@example.jp>").contains("<pw@example.jp>");
        String[] mailboxes = value.replace("\r\n", "").split(", ");
        assertThat(decode(mailboxes[0].substring(0, mailboxes[0].indexOf(" <")), new ArrayList<>()))
            .isEqualTo("髙橋 ～ ㈱ボーダー");
        assertThat(decode(mailboxes[1].substring(0, mailboxes[1].indexOf(" <")), new ArrayList<>()))
            .isEqualTo("パスワード 係");
    }

    @Test
    void utf8DisplayNamesAreRecodedOneByOneWithoutChangingTheList() throws Exception {
        String doe = "=?UTF-8?Q?Doe=2C_John?=";
        String japanese = "=?UTF-8?B?" + Base64.getEncoder().encodeToString("髙橋 ～".getBytes(
            java.nio.charset.StandardCharsets.UTF_8)) + "?=";
        String value = HeaderEncoding.recodeDisplayNames("To", doe + " <j@example.com>, " + japanese
            + " <t@example.jp>, plain@example.org", ISO_2022_JP, HeaderEncoding.WordEncoding.B).orElseThrow();

        String unfolded = value.replace("\r\n", "");
        String head = "\"Doe, John\" <j@example.com>, ";
        String tail = " <t@example.jp>, plain@example.org";
        assertThat(unfolded).startsWith(head).endsWith(tail);
        assertThat(decode(unfolded.substring(head.length(), unfolded.length() - tail.length()), new ArrayList<>()))
            .isEqualTo("髙橋 ～");
        assertThat(HeaderEncoding.recodeDisplayNames("To", "a <a@example.com>", ISO_2022_JP,
            HeaderEncoding.WordEncoding.B)).isEmpty();
        assertThatThrownBy(() -> HeaderEncoding.recodeDisplayNames("To", "=?UTF-8?B?8J+YgA==?= <a@example.com>",
            ISO_2022_JP, HeaderEncoding.WordEncoding.B)).isInstanceOf(EncodingException.class);
    }

    @Test
    void aCharacterOutsideIso2022JpFailsNamingIt() {
        assertThatThrownBy(() -> HeaderEncoding.encodeUnstructured("Subject", "件名😀", ISO_2022_JP,
            HeaderEncoding.WordEncoding.B))
            .isInstanceOf(EncodingException.class)
            .hasMessage("'件名😀' cannot be represented in charset ISO-2022-JP: U+1F600 at index 2 cannot be encoded "
                + "in ISO-2022-JP (code page 50220)");
    }
}
