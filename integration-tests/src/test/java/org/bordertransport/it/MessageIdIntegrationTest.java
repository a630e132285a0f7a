package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;
import static org.bordertransport.it.BorderJames.BOB;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Message-ID mailets as wired in the shipped mailetcontainer.xml, in a real James. */
class MessageIdIntegrationTest {
    private static final String REMOTE = "remote-a.test";
    private static final String CAROL = "carol@" + REMOTE;
    /** {@code <KEYID.BASE32@border.test>}, KEYID being the shipped sample key's. */
    private static final String PUBLIC_ID = "<sample\\.[a-z2-7]{26,}@border\\.test>";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(REMOTE)
        // the DSN test below needs James's bounce to go back to the outside sender: with SRS the sender of mail
        // relayed to no-mx.test would be bounces+SRS=...@border.test, whose bounces stay inside (by design)
        .customized(builder -> builder.replaceInConf("mailetcontainer.xml", "<format>m365</format>",
            "<format>m365</format>\n                <trustedDomains>no-mx.test</trustedDomains>"));

    @Test
    void mailWithoutMessageIdGetsOneOnTheDefaultDomain() throws Exception {
        extension.james().send(ALICE, List.of(BOB), Mails.message(ALICE, List.of(BOB), "no id"));

        String id = extension.james().awaitSingleMessage(BOB).header("Message-ID").orElseThrow();

        assertThat(id).matches("<[^@<>\\s]+@border\\.test>");
        String left = id.substring(1, id.indexOf('@'));
        assertThat(left).doesNotContain(".JavaMail.");
        // the ID is random base32: a host name as short as "vm" turns up in it by chance (2.5 % of runs), so only
        // names of 6 characters or more are looked for (chance 2e-8)
        String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        if (host.length() >= 6) {
            assertThat(left.toLowerCase(Locale.ROOT)).doesNotContain(host);
        }
    }

    @Test
    void localAndRemoteRecipientsSeeTheSameAddedMessageId() throws Exception {
        extension.james().send(ALICE, List.of(BOB, CAROL), Mails.message(ALICE, List.of(BOB, CAROL), "no id, two sides"));

        String local = extension.james().awaitSingleMessage(BOB).header("Message-ID").orElseThrow();
        ReceivedMail remote = extension.mx(REMOTE).awaitOneMail();

        assertThat(local).matches("<[^@<>\\s]+@border\\.test>");
        assertThat(remote.header("Message-ID")).contains(local);
    }

    @Test
    void malformedMessageIdIsReplaced() throws Exception {
        extension.james().send(ALICE, List.of(BOB), Mails.message(ALICE, List.of(BOB), "malformed id",
            "Message-ID: no-angle-brackets@exch01"));

        String id = extension.james().awaitSingleMessage(BOB).header("Message-ID").orElseThrow();

        assertThat(id).matches("<[^@<>\\s]+@border\\.test>");
    }

    @Test
    void internalMessageIdsNeverLeaveAndRepliesGetThemBack() throws Exception {
        extension.james().send(ALICE, List.of(BOB, CAROL), Mails.message(ALICE, List.of(BOB, CAROL), "internal ids",
            "Message-ID: <abc@exch01.corp.local>",
            "In-Reply-To: <older@exch01.corp.local>",
            "References: <first@exch02.internal> <older@exch01.corp.local>"));

        // leaving: nothing names an internal host any more
        ReceivedMail outbound = extension.mx(REMOTE).awaitOneMail();
        assertThat(outbound.headerBlock().toLowerCase(Locale.ROOT)).doesNotContain("corp.local").doesNotContain("exch0")
            .doesNotContain(".internal");
        String publicId = outbound.header("Message-ID").orElseThrow();
        String publicOlder = outbound.header("In-Reply-To").orElseThrow();
        assertThat(publicId).matches(PUBLIC_ID);
        assertThat(publicOlder).matches(PUBLIC_ID).isNotEqualTo(publicId);
        assertThat(outbound.header("References")).hasValueSatisfying(references ->
            assertThat(references).matches(PUBLIC_ID + "\\s+" + PUBLIC_ID).endsWith(publicOlder));

        // inside: the local recipient's copy is untouched
        ImapMessage local = extension.james().awaitSingleMessage(BOB);
        assertThat(local.header("Message-ID")).contains("<abc@exch01.corp.local>");
        assertThat(local.header("In-Reply-To")).contains("<older@exch01.corp.local>");

        // the reply from outside threads under the internal IDs again
        extension.james().send("mx.remote-a.test", CAROL, List.of(BOB), Mails.message(CAROL, List.of(BOB), "Re: internal ids",
            "Message-ID: <reply-1@remote-a.test>",
            "In-Reply-To: " + publicId,
            "References: " + publicOlder + " " + publicId));

        ImapMessage reply = extension.james().awaitMessages(BOB, 2).get(1);
        assertThat(reply.header("Subject")).contains("Re: internal ids");
        assertThat(reply.header("In-Reply-To")).contains("<abc@exch01.corp.local>");
        assertThat(reply.header("References")).contains("<older@exch01.corp.local> <abc@exch01.corp.local>");
        assertThat(reply.header("Message-ID")).contains("<reply-1@remote-a.test>");
    }

    @Test
    void publicMessageIdsAreTheSameForEveryMailThatReferencesTheSameInternalId() throws Exception {
        extension.james().send(ALICE, List.of(CAROL), Mails.message(ALICE, List.of(CAROL), "first",
            "Message-ID: <thread-1@exch01.corp.local>"));
        extension.james().send(ALICE, List.of(CAROL), Mails.message(ALICE, List.of(CAROL), "second",
            "Message-ID: <thread-2@exch01.corp.local>",
            "In-Reply-To: <thread-1@exch01.corp.local>"));

        List<ReceivedMail> received = extension.mx(REMOTE).awaitMails(2);
        ReceivedMail first = received.stream().filter(m -> m.header("Subject").orElseThrow().equals("first"))
            .findFirst().orElseThrow();
        ReceivedMail second = received.stream().filter(m -> m.header("Subject").orElseThrow().equals("second"))
            .findFirst().orElseThrow();

        assertThat(first.header("Message-ID").orElseThrow()).matches(PUBLIC_ID);
        assertThat(second.header("In-Reply-To")).isEqualTo(first.header("Message-ID"));
    }

    @Test
    void forgedPublicLookingIdIsLeftAsItIsAndTheMailDelivered() throws Exception {
        String forged = "<sample.abcdefghijklmnopqrstuvwxyz234567abcdefgh@border.test>";
        String unknownKey = "<zz9.abcdefghijklmnopqrstuvwxyz234567abcdefgh@border.test>";
        extension.james().send("mx.remote-a.test", CAROL, List.of(BOB), Mails.message(CAROL, List.of(BOB), "forged",
            "Message-ID: <forged-1@remote-a.test>",
            "In-Reply-To: " + forged,
            "References: " + unknownKey + " " + forged));

        ImapMessage received = extension.james().awaitSingleMessage(BOB);

        assertThat(received.header("In-Reply-To")).contains(forged);
        assertThat(received.header("References")).contains(unknownKey + " " + forged);
        assertThat(received.header("Message-ID")).contains("<forged-1@remote-a.test>");
    }

    @Test
    void bouncesLeavingTheOrganisationCarryNoUnqualifiedHostName() throws Exception {
        // relayed from 127.0.0.1 to a domain without MX: James's DSN (Message-ID made by JavaMail, usually
        // <...@localhost>) goes back to the outside sender through the relay processor
        extension.james().send(CAROL, List.of("nobody@no-mx.test"), Mails.message(CAROL, List.of("nobody@no-mx.test"),
            "to nowhere", "Message-ID: <bounce-me@remote-a.test>"));

        ReceivedMail dsn = extension.mx(REMOTE).awaitOneMail();

        assertThat(dsn.envelopeSender()).isEmpty();
        assertThat(dsn.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("multipart/report"));
        assertThat(dsn.header("Message-ID").orElseThrow()).as("the DSN's Message-ID names a qualified host")
            .matches("<[^@]+@[^>]+\\.[^>]+>");
        assertThat(dsn.headerBlock().toLowerCase(Locale.ROOT)).doesNotContain("@localhost");
    }
}
