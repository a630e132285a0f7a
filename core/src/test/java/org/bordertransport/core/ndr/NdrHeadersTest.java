package org.bordertransport.core.ndr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The field signals of {@link NdrDetector} (moved here from NdrDetectorTest with {@link NdrHeaders}). */
class NdrHeadersTest {
    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON@x.example", "Mail Delivery System <Mailer-Daemon@x.example>",
        "\"Mail Delivery Subsystem\" <mailer-daemon@googlemail.com>", "Microsoft Outlook <PostMaster@contoso.com>",
        "postmaster", "x@example.com (Mail Delivery System)", "=?UTF-8?Q?Mail_Delivery_System?= <bounce@x.example>",
        "MAILER-DAEMON <>", "<>"})
    void daemonSendersShouldBeRecognised(String from) {
        assertThat(NdrHeaders.isDaemon(from)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice <alice@example.com>", "postmaster-team@example.com",
        "\"postmaster@example.com\" <eve@example.org>", "Mail Delivery <robot@example.com>", ""})
    void otherSendersShouldNotBe(String from) {
        assertThat(NdrHeaders.isDaemon(from)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Undeliverable: Hello", "undelivered mail returned to sender",
        "Delivery Status Notification (Failure)", "Mail System Error - Returned Mail", "Unzustellbar: Hallo",
        "Non remis : Bonjour", "=?ISO-2022-JP?B?GyRCJWEhPCVrJSglaSE8RExDThsoQg==?=",
        "Mail delivery failed: returning message to sender", "failure notice",
        "Returned mail: see transcript for details", "  Delivery Failure", "=?utf-8?B?VW5kZWxpdmVyYWJsZTogSGk=?="})
    void bounceSubjectsShouldBeRecognised(String subject) {
        assertThat(NdrHeaders.isBounceSubject(subject)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Delivery Status Notification (Delay)", "Delayed Mail (still being retried)",
        "Warning: could not send message for past 4 hours", "Delivery delayed:Hello"})
    void delaySubjectsShouldBeDelays(String subject) {
        assertThat(NdrHeaders.subjectKind(subject)).isEqualTo(NdrHeaders.SubjectKind.DELAY);
    }

    @Test
    void rawIso2022JpSubjectShouldBeDecoded() {
        String raw = new String(new byte[] {0x1b, '$', 'B', '%', 'a', '!', '<', '%', 'k', '%', '(', '%', 'i', '!', '<',
            'D', 'L', 'C', 'N', 0x1b, '(', 'B'}, StandardCharsets.ISO_8859_1);

        assertThat(NdrHeaders.decode(raw)).isEqualTo("メールエラー通知");
        assertThat(NdrHeaders.isBounceSubject(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Re: Undeliverable: Hello", "Fwd: failure notice", "Delivery Status Notification (Success)",
        "Delivery Status Notification (Delay)", "Hello", ""})
    void otherSubjectsShouldNotBe(String subject) {
        assertThat(NdrHeaders.isBounceSubject(subject)).isFalse();
    }

    @Test
    void keywordShouldIgnoreCommentsParametersAndCase() {
        assertThat(NdrHeaders.keyword("Auto-Generated (failure)")).isEqualTo("auto-generated");
        assertThat(NdrHeaders.keyword(" (x) auto-generated; type=dsn")).isEqualTo("auto-generated");
        assertThat(NdrHeaders.keyword("auto-(nested (comment))generated")).isEqualTo("auto-generated");
        assertThat(NdrHeaders.keyword("auto-replied\r\n (vacation)")).isEqualTo("auto-replied");
    }

    @Test
    void nullSenderFormsShouldBeRecognised() {
        assertThat(NdrHeaders.isNullSender(null)).isEmpty();
        assertThat(NdrHeaders.isNullSender("")).contains(true);
        assertThat(NdrHeaders.isNullSender("<>")).contains(true);
        assertThat(NdrHeaders.isNullSender("<a@b>")).contains(false);
    }
}
