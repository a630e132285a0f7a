package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.core.charset.Iso2022JpDecoder;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.PreferredInternetCodePageForShiftJis;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A UTF-8 message to a Japanese legacy domain ({@code CharacterSet=iso-2022-jp}) under each
 * {@code PreferredInternetCodePageForShiftJis}: body, Subject and display name carry the Windows-typed characters
 * (～ － ∥ ￠ ￡ ￢, NEC ① Ⅰ ㈱, IBM 髙 﨑) and half-width kana; the result is 7-bit ISO-2022-JP that decodes back.
 */
class JapaneseConversionTest {
    private static final String WINDOWS = "～ － ∥ ￠ ￡ ￢ ① Ⅰ ㈱ 髙 﨑";
    private static final String HALF_WIDTH = "ｶﾞｲﾄﾞﾗｲﾝ ﾊﾟｽﾜｰﾄﾞ";
    private static final String FULL_WIDTH = "ガイドライン パスワード";
    private static final String BODY = "こんにちは " + WINDOWS + "\r\n" + HALF_WIDTH + "\r\nASCII line\r\n";
    private static final String SUBJECT = "会議 " + WINDOWS + " " + HALF_WIDTH;
    private static final String NAME = "髙橋 ㈱ボーダー";
    private static final Pattern WORD = Pattern.compile("=\\?ISO-2022-JP\\?B\\?([A-Za-z0-9+/=]*)\\?=");

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeWords(String value) throws Exception {
        StringBuilder text = new StringBuilder();
        Matcher m = WORD.matcher(value);
        int last = 0;
        while (m.find()) {
            String between = value.substring(last, m.start());
            text.append(last > 0 && between.isBlank() ? "" : between);
            text.append(Iso2022JpDecoder.create().decode(Base64.getDecoder().decode(m.group(1))));
            last = m.end();
        }
        return text.append(value.substring(last)).toString();
    }

    private static String header(String message, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": (.*(?:\r\n[ \t].*)*)\r\n").matcher(message);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1).replace("\r\n", "");
    }

    @ParameterizedTest
    @EnumSource(PreferredInternetCodePageForShiftJis.class)
    void bodySubjectAndDisplayNameRoundTrip(PreferredInternetCodePageForShiftJis codePage) throws Exception {
        String message = "From: =?UTF-8?B?" + b64(NAME) + "?= <takahashi@example.jp>\r\nTo: x@carrier.example.jp\r\n"
            + "Subject: =?UTF-8?B?" + b64(SUBJECT) + "?=\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(BODY.getBytes(StandardCharsets.UTF_8)) + "\r\n";
        RemoteDomainSettings settings = RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT)
            .characterSet(Optional.of(Charset.forName("iso-2022-jp")))
            .preferredInternetCodePageForShiftJis(codePage).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageConverter.withDefaults().convert(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)),
            out, settings);
        byte[] converted = out.toByteArray();
        MessageAssertions.assertSevenBitClean(converted, true);
        String text = new String(converted, StandardCharsets.US_ASCII);

        assertThat(header(text, "Content-Type")).isEqualTo("text/plain; charset=ISO-2022-JP");
        assertThat(header(text, "Content-Transfer-Encoding")).isEqualTo("7bit");
        // headers are always code page 50220: half-width kana become full-width
        assertThat(decodeWords(header(text, "Subject"))).isEqualTo(SUBJECT.replace(HALF_WIDTH, FULL_WIDTH));
        assertThat(decodeWords(header(text, "From"))).isEqualTo(NAME + " <takahashi@example.jp>");

        byte[] body = java.util.Arrays.copyOfRange(converted, text.indexOf("\r\n\r\n") + 4, converted.length);
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        for (String line : raw.split("\r\n")) {
            int lastEscape = line.lastIndexOf('\u001b');
            assertThat(lastEscape < 0 || line.startsWith("\u001b(B", lastEscape))
                .as("line returns to ASCII before its end: %s", line).isTrue();
            assertThat(line.lastIndexOf('\u000e') <= line.lastIndexOf('\u000f')).as("SO closed by SI").isTrue();
        }
        String decoded = Iso2022JpDecoder.create().decode(body);
        switch (codePage) {
            case CP_50221:
                assertThat(raw).contains("\u001b(I").doesNotContain("\u000e");
                assertThat(decoded).isEqualTo(BODY);
                break;
            case CP_50222:
                assertThat(raw).contains("\u000e").doesNotContain("\u001b(I");
                assertThat(decoded).isEqualTo(BODY);
                break;
            default:
                assertThat(raw).doesNotContain("\u001b(I").doesNotContain("\u000e");
                assertThat(decoded).isEqualTo(BODY.replace(HALF_WIDTH, FULL_WIDTH));
        }
    }
}
