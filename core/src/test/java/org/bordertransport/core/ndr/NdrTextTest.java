package org.bordertransport.core.ndr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text signals of {@link NdrDetector}: decoding, normalisation and what is left out. */
class NdrTextTest {
    private static final byte[] JIS = {0x1b, '$', 'B', '%', 'a', '!', '<', '%', 'k', 0x1b, '(', 'B'};

    private static NdrText read(String part) {
        NdrText text = new NdrText();
        text.add(part, false);
        return text;
    }

    @Test
    void textShouldBeNormalised() {
        NdrText text = read("I\u2019m  sorry\tto have\r\nto INFORM you");

        assertThat(text.text().trim()).isEqualTo("i'm sorry to have to inform you");
        assertThat(text.contains(List.of("sorry to have to inform"))).isTrue();
    }

    @Test
    void quotedLinesShouldBeLeftOut() {
        NdrText text = read("Did you get this?\n> This message was created automatically by mail delivery software.\n");

        assertThat(text.contains(NdrDetector.BOUNCE_PHRASES)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"---------- Forwarded message ---------", "-----Original Message-----",
        "Begin forwarded message:", "________________________________",
        "On Mon, 1 Jan 2024 at 10:00, Mail Delivery System <mailer-daemon@x.example> wrote:"})
    void textAfterAForwardSeparatorShouldBeLeftOut(String separator) {
        NdrText text = read("See below, any idea?\n\n" + separator + "\n"
            + "This message was created automatically by mail delivery software.\n");
        text.add("Hi. This is the qmail-send program at x.example.", false);

        assertThat(text.contains(NdrDetector.BOUNCE_PHRASES)).isFalse();
        assertThat(text.text()).contains("any idea");
    }

    @Test
    void htmlShouldLoseItsTags() {
        NdrText text = new NdrText();
        text.add("<p>Delivery has failed to these <b>recipients</b>&nbsp;or groups:</p>", true);

        assertThat(text.contains(List.of("delivery has failed to these recipients or groups"))).isTrue();
    }

    @Test
    void mislabelledUtf8ShouldBeReadAsUtf8() {
        byte[] octets = "送信できませんでした".getBytes(StandardCharsets.UTF_8);

        assertThat(NdrText.decode(octets, octets.length, "iso-2022-jp")).isEqualTo("送信できませんでした");
        assertThat(NdrText.decode(octets, octets.length, null)).isEqualTo("送信できませんでした");
        assertThat(NdrText.decode(octets, octets.length - 1, "us-ascii")).as("a character cut at the end")
            .isEqualTo("送信できませんでした".substring(0, 9));
    }

    @Test
    void jisShouldBeReadAsIso2022JpLabelledOrNot() {
        assertThat(NdrText.decode(JIS, JIS.length, "ISO-2022-JP")).isEqualTo("メール");
        assertThat(NdrText.decode(JIS, JIS.length, "us-ascii")).isEqualTo("メール");
        assertThat(NdrText.decode(JIS, JIS.length, null)).isEqualTo("メール");
    }

    @Test
    void declaredCharsetsShouldBeUsedAndUnknownOnesReadAsLatin1() {
        byte[] latin1 = "nicht zustellbar: Empfänger".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(NdrText.decode(latin1, latin1.length, "iso-8859-1")).isEqualTo("nicht zustellbar: Empfänger");
        assertThat(NdrText.decode(latin1, latin1.length, "x-no-such-charset")).isEqualTo("nicht zustellbar: Empfänger");
    }

    @Test
    void rawHeaderValuesShouldBeDecoded() {
        String utf8 = new String("配信不能".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(NdrText.decodeRawHeader(utf8)).isEqualTo("配信不能");
        assertThat(NdrText.decodeRawHeader(new String(JIS, StandardCharsets.ISO_8859_1))).isEqualTo("メール");
        assertThat(NdrText.decodeRawHeader("plain")).isEqualTo("plain");
        assertThat(NdrText.decodeRawHeader("caf\u00e9")).as("Latin-1 that is not UTF-8 stays").isEqualTo("caf\u00e9");
    }
}
