package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bordertransport.it.BorderJames.ALICE;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-recipient entries in a real James with the shipped conf/remotedomains.xml: one HTML mail to two recipients of
 * one domain (partner.example.net, under the Default), one of them the shipped {@code <recipient>} example
 * (MessageBodyFormat Text); SplitByRemoteDomain makes two copies and each is converted for its own recipient.
 */
class PerRecipientConversionTest {
    private static final String PARTNER = "partner.example.net";
    /** The shipped example's address, in another case: addresses are matched case-insensitively. */
    private static final String READER = "Text-Reader@" + PARTNER;
    private static final String OTHER = "colleague@" + PARTNER;

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PARTNER);

    private static String htmlMail(List<String> to, String subject) {
        return "From: " + ALICE + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <per-recipient-1@border.test>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<html><body><p>Gr\u00fc\u00dfe aus <b>Berlin</b>, see <a href=\"https://example.org/x\">the plan</a>.</p>"
            + "</body></html>\r\n";
    }

    @Test
    void twoRecipientsOfOneDomainOneWithAnEntryReceiveDifferentlyConvertedCopies() throws Exception {
        List<String> recipients = List.of(READER, OTHER);
        String subject = Mails.uniqueSubject("per-recipient");
        extension.james().send(ALICE, recipients, htmlMail(recipients, subject));

        List<ReceivedMail> mails = extension.mx(PARTNER).awaitMails(2);
        ReceivedMail reader = mails.stream().filter(m -> m.envelopeRecipients().contains(READER)).findFirst()
            .orElseThrow(() -> new AssertionError("no copy for " + READER + ": " + mails));
        ReceivedMail other = mails.stream().filter(m -> m.envelopeRecipients().contains(OTHER)).findFirst()
            .orElseThrow(() -> new AssertionError("no copy for " + OTHER + ": " + mails));

        assertThat(reader.envelopeRecipients()).containsExactly(READER);
        assertThat(reader.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(reader.message().getContent().toString())
            .contains("Gr\u00fc\u00dfe aus Berlin, see the plan <https://example.org/x>.");
        assertThat(reader.raw()).doesNotContain("<b>");

        assertThat(other.envelopeRecipients()).containsExactly(OTHER);
        assertThat(other.header("Content-Type")).hasValueSatisfying(type ->
            assertThat(type).startsWith("multipart/alternative"));
        assertThat(other.raw()).contains("text/html");

        for (ReceivedMail mail : mails) {
            assertThat(mail.header("Subject")).contains(subject);
        }
        // two copies, no more, even a little later
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            extension.mx(PARTNER).mails().size() == 2);
    }
}
