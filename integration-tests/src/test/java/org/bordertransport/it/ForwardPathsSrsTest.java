package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.james.utils.DataProbeImpl;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way James forwards gets the forward form of SRS naming the forwarding mailbox, in a real James with the
 * shipped conf: forwarding rules written with James's own {@code Forward}, {@code Redirect} (in an altered mode too)
 * and {@code Resend}, in the {@code forward-rule} processor shipped as an example in conf/mailetcontainer.xml (taken
 * from there as it is, only the forwarding mailet changed), and a RecipientRewriteTable group with an external member.
 * The copy reaches the remote MX with {@code john.work+SRS=...} (or {@code team+SRS=...}), nothing of the bookkeeping
 * in its header or body, and a bounce sent back to that address over SMTP reaches the original sender's MX.
 */
class ForwardPathsSrsTest {
    private static final String REMOTE = "remote-a.test";
    private static final String ORIGIN = "fabrikam.test";
    private static final String BOB_OUTSIDE = "bob@" + ORIGIN;
    private static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    private static final String TARGET = "john.home@" + REMOTE;
    private static final String SHIPPED_FORWARD = "<mailet match=\"All\" class=\"Forward\">\n"
        + "                <forwardTo>john.home@example.com</forwardTo>\n"
        + "            </mailet>";

    /** The shipped conf with its forward-rule example in use, the forwarding mailet replaced by {@code mailet}. */
    private static BorderJamesExtension withRule(String mailet) {
        return BorderJamesExtension.withRemoteDomains(REMOTE, ORIGIN)
            .customized(builder -> builder.editConf("mailetcontainer.xml", useForwardRule(mailet)));
    }

    static UnaryOperator<String> useForwardRule(String mailet) {
        return text -> {
            String routing = between(text, "<mailet match=\"RecipientIs=john.work@border.test\" class=\"ToProcessor\">",
                "</mailet>");
            String processor = between(text, "<processor state=\"forward-rule\"", "</processor>");
            assertThat(processor).contains("class=\"org.bordertransport.mailets.RecordForwardingMailbox\"")
                .contains(SHIPPED_FORWARD);
            int reverseSrs = text.indexOf("</mailet>", text.indexOf("class=\"org.bordertransport.mailets.ReverseSrs\""))
                + "</mailet>".length();
            String routed = text.substring(0, reverseSrs) + "\n            " + routing + text.substring(reverseSrs);
            int end = routed.lastIndexOf("</processors>");
            return routed.substring(0, end) + processor.replace(SHIPPED_FORWARD, mailet) + "\n    "
                + routed.substring(end);
        };
    }

    /** The first text from {@code start} to the end of the following {@code end}; both must be there. */
    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("conf/mailetcontainer.xml has " + start).isNotNegative();
        int to = text.indexOf(end, from);
        assertThat(to).as("conf/mailetcontainer.xml has " + end + " after " + start).isNotNegative();
        return text.substring(from, to + end.length());
    }

    /** bob@fabrikam.test writes to john.work (a mailbox with a forwarding rule); returns what the remote MX got. */
    private static ReceivedMail forwarded(BorderJamesExtension extension, String... extraHeaders) throws Exception {
        extension.james().addUser(FORWARDER);
        extension.james().send(BOB_OUTSIDE, List.of(FORWARDER), Mails.message(BOB_OUTSIDE, List.of(FORWARDER),
            Mails.uniqueSubject("forwarded by a rule"), extraHeaders));
        ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
        assertThat(mail.envelopeRecipients()).containsExactly(TARGET);
        assertThat(mail.raw()).doesNotContainIgnoringCase("X-Border-").doesNotContain("border-transport.invalid");
        return mail;
    }

    /** A remote MTA bounces the copy to its SRS sender: the report reaches the original sender's MX with {@code <>}. */
    private static void bounceReachesTheOriginalSender(BorderJamesExtension extension, String srs, String failed)
        throws Exception {
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            assertThat(smtp.command("EHLO mx." + REMOTE)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + srs + ">")).startsWith("250");
            assertThat(smtp.data(NdrReverseRoutingTest.report(srs, failed))).startsWith("250");
        }
        ReceivedMail bounce = extension.mx(ORIGIN).awaitOneMail();
        assertThat(bounce.envelopeSender()).isEmpty();
        assertThat(bounce.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        assertThat(bounce.raw()).contains("Final-Recipient: rfc822; " + failed);
    }

    @Nested
    class JamesForward {
        @RegisterExtension
        BorderJamesExtension extension = withRule(SHIPPED_FORWARD.replace("john.home@example.com", TARGET));

        @Test
        void jamesForwardLeavesWithTheForwardingMailboxsSrsAddressAndItsBounceGoesBack() throws Exception {
            ReceivedMail mail = forwarded(extension);

            assertThat(mail.envelopeSender()).startsWith("john.work+SRS=").endsWith("=fabrikam.test=bob@border.test");
            assertThat(mail.header("From")).contains(BOB_OUTSIDE);
            bounceReachesTheOriginalSender(extension, mail.envelopeSender(), TARGET);
        }

        @Test
        void aRecipientRewriteTableGroupNamesTheListAddress() throws Exception {
            String team = "team@" + BorderJames.DOMAIN;
            String member = "partner@" + REMOTE;
            extension.james().server().getProbe(DataProbeImpl.class).addGroupAliasMapping(team, member);
            extension.james().send(BOB_OUTSIDE, List.of(team), Mails.message(BOB_OUTSIDE, List.of(team),
                Mails.uniqueSubject("to the list")));

            ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
            assertThat(mail.envelopeRecipients()).containsExactly(member);
            assertThat(mail.envelopeSender()).startsWith("team+SRS=").endsWith("=fabrikam.test=bob@border.test");
            bounceReachesTheOriginalSender(extension, mail.envelopeSender(), member);
        }

        @Test
        void aForgedDeliveredToMarkerOnRelayedMailDoesNotNameAMailbox() throws Exception {
            String to = "x@" + REMOTE;
            extension.james().send("app@onprem.test", List.of(to), Mails.message("app@onprem.test", List.of(to),
                Mails.uniqueSubject("forged marker"), "X-Border-Delivered-To: ceo@border.test"));

            ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
            assertThat(mail.envelopeSender()).startsWith("bounces+SRS=").endsWith("@border.test");
            assertThat(mail.headerBlock()).doesNotContain("X-Border-Delivered-To");
        }
    }

    @Nested
    class JamesRedirect {
        @RegisterExtension
        BorderJamesExtension extension = withRule("<mailet match=\"All\" class=\"Redirect\">\n"
            + "    <recipients>" + TARGET + "</recipients>\n"
            + "    <inline>all</inline>\n"
            + "    <attachment>message</attachment>\n"
            + "    <prefix>[fwd]</prefix>\n"
            + "</mailet>");

        @Test
        void jamesRedirectInAnAlteredModeAlsoNamesTheForwardingMailbox() throws Exception {
            // inline=all writes the original header into the new body, attachment=message attaches the original:
            // neither carries the record, which is not a header field of the message
            ReceivedMail mail = forwarded(extension);

            assertThat(mail.envelopeSender()).startsWith("john.work+SRS=").endsWith("=fabrikam.test=bob@border.test");
            assertThat(mail.header("Subject")).hasValueSatisfying(s -> assertThat(s).startsWith("[fwd]"));
            assertThat(mail.raw()).contains("Message Headers:");
            bounceReachesTheOriginalSender(extension, mail.envelopeSender(), TARGET);
        }
    }

    @Nested
    class JamesResend {
        @RegisterExtension
        BorderJamesExtension extension = withRule("<mailet match=\"All\" class=\"Resend\">\n"
            + "    <recipients>" + TARGET + "</recipients>\n"
            + "</mailet>");

        @Test
        void jamesResendNamesTheForwardingMailboxEvenWhenTheSenderForgedOurBookkeeping() throws Exception {
            // the root processor removes X-Border-Delivered-To from mail SMTP brought in; the record itself is not a
            // header field and cannot be sent
            ReceivedMail mail = forwarded(extension, "X-Border-Delivered-To: ceo@border.test");

            assertThat(mail.envelopeSender()).startsWith("john.work+SRS=").endsWith("=fabrikam.test=bob@border.test");
            bounceReachesTheOriginalSender(extension, mail.envelopeSender(), TARGET);
        }
    }

    @Nested
    class JamesForwardKeepingACopy {
        @RegisterExtension
        BorderJamesExtension extension = withRule("<mailet match=\"All\" class=\"Forward\">\n"
            + "    <forwardTo>" + TARGET + "</forwardTo>\n"
            + "    <passThrough>true</passThrough>\n"
            + "</mailet>\n"
            + "<mailet match=\"All\" class=\"ToProcessor\">\n"
            + "    <processor>local-delivery</processor>\n"
            + "</mailet>");

        @Test
        void theMailboxKeepsItsCopyWithoutTheRecordAndTheForwardNamesIt() throws Exception {
            ReceivedMail mail = forwarded(extension);

            assertThat(mail.envelopeSender()).startsWith("john.work+SRS=").endsWith("=fabrikam.test=bob@border.test");
            ImapMessage stored = extension.james().awaitSingleMessage(FORWARDER);
            assertThat(stored.raw()).doesNotContainIgnoringCase("X-Border-").doesNotContain("border-transport.invalid");
        }
    }
}
