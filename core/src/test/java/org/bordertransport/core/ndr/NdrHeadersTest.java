package org.bordertransport.core.ndr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The field signals of {@link NdrDetector} (moved here from NdrDetectorTest with {@link NdrHeaders}). */
class NdrHeadersTest {
    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON@x.example", "Mail Delivery System <Mailer-Daemon@x.example>",
        "\"Mail Delivery Subsystem\" <mailer-daemon@googlemail.com>", "Microsoft Outlook <PostMaster@contoso.com>",
        "postmaster", "x@example.com (Mail Delivery System)", "=?UTF-8?Q?Mail_Delivery_System?= <bounce@x.example>",
        "MAILER-DAEMON <>"})
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
        "Delivery Status Notification (Failure)", "Delivery Status Notification (Delay)",
        "Mail delivery failed: returning message to sender", "failure notice",
        "Returned mail: see transcript for details", "  Delivery Failure", "=?utf-8?B?VW5kZWxpdmVyYWJsZTogSGk=?="})
    void bounceSubjectsShouldBeRecognised(String subject) {
        assertThat(NdrHeaders.isBounceSubject(subject)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Re: Undeliverable: Hello", "Fwd: failure notice", "Delivery Status Notification (Success)",
        "Hello", ""})
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
