package org.bordertransport.core.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.bordertransport.core.mime.MimeLimits;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InnerMessageIdsTest {
    private static final String INTERNAL = "<abc@exch01.corp.local>";
    private static final String OLDER = "<older@exch02.corp.local>";

    private final PublicMessageIds codec = new PublicMessageIds(MessageIdKeys.parse(TestKeys.key("k1", 1)), "border.test");
    private final MessageIdRewriter rewriter = new MessageIdRewriter(codec,
        InternalHosts.of(".local,.internal,.lan,.corp.local", "", true));
    private final InnerMessageIds inner = new InnerMessageIds(rewriter, InnerMessageIds.LIMITS);

    private String pub(String internal) {
        return "<" + codec.toPublic(internal.substring(1, internal.length() - 1)) + ">";
    }

    private static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Scans, then writes when something changes; returns the message as it leaves. */
    private String rewritten(String message, InnerMessageIds.Direction direction) throws Exception {
        return rewritten(inner, message, direction);
    }

    private static String rewritten(InnerMessageIds engine, String message, InnerMessageIds.Direction direction)
        throws Exception {
        InnerMessageIds.Scan scan = engine.scan(in(message), direction);
        if (!scan.changed()) {
            return message;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.write(in(message), scan, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String attached(String innerMessage) {
        return crlf("From: alice@border.test", "To: carol@remote.test", "Subject: fwd", "Message-ID: <top@border.test>",
            "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"outer\"", "",
            "preamble text", "--outer", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
            "", "see attached, caf\u00e9", "--outer", "Content-Type: message/rfc822",
            "Content-Disposition: attachment; filename=\"old.eml\"", "")
            + innerMessage + crlf("", "--outer--", "epilogue");
    }

    private static String innerMessage(String messageId, String inReplyTo) {
        return crlf("From: bob@border.test", "To: alice@border.test", "Subject: old one",
            "Message-ID: " + messageId, "In-Reply-To: " + inReplyTo, "X-Original-Message-ID: " + messageId,
            "MIME-Version: 1.0", "Content-Type: text/plain", "", "body mentions " + messageId + " and stays")
            .replaceAll("\r\n$", "");
    }

    @Nested
    class WhatIsScanned {
        @Test
        void onlyMultipartsAndMessageLikeTypesMayHoldInnerIds() {
            assertThat(InnerMessageIds.mayHoldInnerIds("multipart/mixed; boundary=x")).isTrue();
            assertThat(InnerMessageIds.mayHoldInnerIds(" Multipart/Report; report-type=delivery-status")).isTrue();
            assertThat(InnerMessageIds.mayHoldInnerIds("message/rfc822")).isTrue();
            assertThat(InnerMessageIds.mayHoldInnerIds("text/rfc822-headers")).isTrue();
            assertThat(InnerMessageIds.mayHoldInnerIds("message/disposition-notification")).isTrue();
            assertThat(InnerMessageIds.mayHoldInnerIds("text/plain; charset=utf-8")).isFalse();
            assertThat(InnerMessageIds.mayHoldInnerIds("multipart/signed; protocol=x")).isFalse();
            assertThat(InnerMessageIds.mayHoldInnerIds("message/delivery-status")).isFalse();
            assertThat(InnerMessageIds.mayHoldInnerIds(null)).isFalse();
        }

        @Test
        void aMultipartWithoutInnerIdsIsNotChanged() throws Exception {
            String message = attached(innerMessage("<x@gmail.com>", "<y@gmail.com>"));
            InnerMessageIds.Scan scan = inner.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC);
            assertThat(scan.changed()).isFalse();
            assertThat(scan.rewritten()).isZero();
        }
    }

    @Nested
    class AttachedMessages {
        @Test
        void theAttachedHeaderIsRewrittenAndEveryOtherOctetKept() throws Exception {
            String message = attached(innerMessage(INTERNAL, OLDER));

            InnerMessageIds.Scan scan = inner.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC);
            String out = rewritten(message, InnerMessageIds.Direction.TO_PUBLIC);

            assertThat(scan.rewritten()).isEqualTo(2);
            assertThat(scan.changedBlocks()).containsExactly("2/m header");
            String header = crlf("Message-ID: " + pub(INTERNAL), "In-Reply-To: " + pub(OLDER),
                "X-Original-Message-ID: " + pub(INTERNAL));
            assertThat(out).isEqualTo(message.replace(crlf("Message-ID: " + INTERNAL, "In-Reply-To: " + OLDER,
                "X-Original-Message-ID: " + INTERNAL), header));
            // the body of the attached message is a body: not touched
            assertThat(out).contains("body mentions " + INTERNAL + " and stays");
        }

        @Test
        void restoringGivesBackTheOriginalOctets() throws Exception {
            String message = attached(innerMessage(INTERNAL, OLDER));
            String out = rewritten(message, InnerMessageIds.Direction.TO_PUBLIC);

            InnerMessageIds.Scan back = inner.scan(in(out.replace("body mentions " + INTERNAL, "body mentions x")),
                InnerMessageIds.Direction.TO_INTERNAL);
            assertThat(back.rewritten()).isEqualTo(2);
            // as in the top-level header, copies outside the ID fields keep the public ID
            assertThat(rewritten(out, InnerMessageIds.Direction.TO_INTERNAL)).isEqualTo(message.replace(
                "X-Original-Message-ID: " + INTERNAL, "X-Original-Message-ID: " + pub(INTERNAL)));
        }

        @Test
        void nestedAttachedMessagesAreRewrittenAtEveryLevel() throws Exception {
            String deepest = innerMessage(OLDER, "<z@gmail.com>");
            String middle = crlf("From: bob@border.test", "Message-ID: " + INTERNAL, "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"mid\"", "", "--mid", "Content-Type: text/plain", "",
                "hello", "--mid", "Content-Type: message/rfc822", "") + deepest + crlf("", "--mid--");
            String message = attached(middle.replaceAll("\r\n$", ""));

            InnerMessageIds.Scan scan = inner.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC);
            String out = rewritten(message, InnerMessageIds.Direction.TO_PUBLIC);

            assertThat(scan.changedBlocks()).containsExactly("2/m header", "2/m.2/m header");
            assertThat(out).contains("Message-ID: " + pub(INTERNAL) + "\r\n", "Message-ID: " + pub(OLDER) + "\r\n")
                .doesNotContain("Message-ID: <abc@", "Message-ID: <older@");
            assertThat(rewritten(out, InnerMessageIds.Direction.TO_INTERNAL)).isEqualTo(message.replace(
                "X-Original-Message-ID: " + OLDER, "X-Original-Message-ID: " + pub(OLDER)));
        }

        @Test
        void aBase64AttachedMessageIsDecodedRewrittenAndEncodedAgain() throws Exception {
            String attachedText = innerMessage(INTERNAL, "<y@gmail.com>") + "\r\n";
            String encoded = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'})
                .encodeToString(attachedText.getBytes(StandardCharsets.ISO_8859_1));
            String unchangedPart = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'})
                .encodeToString(innerMessage("<x@gmail.com>", "<y@gmail.com>").getBytes(StandardCharsets.ISO_8859_1));
            String message = crlf("From: alice@border.test", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: message/rfc822",
                "Content-Transfer-Encoding: base64", "", encoded, "--b", "Content-Type: message/rfc822",
                "Content-Transfer-Encoding: base64", "", unchangedPart, "--b--");

            InnerMessageIds.Scan scan = inner.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC);
            String out = rewritten(message, InnerMessageIds.Direction.TO_PUBLIC);

            assertThat(scan.changedBlocks()).containsExactly("1/m header");
            String[] parts = out.split("--b\r\n");
            String first = parts[1].substring(parts[1].indexOf("\r\n\r\n") + 4);
            String decoded = new String(Base64.getMimeDecoder().decode(first.trim()), StandardCharsets.ISO_8859_1);
            assertThat(decoded).isEqualTo(attachedText.replace(INTERNAL + "\r\n", pub(INTERNAL) + "\r\n"));
            // the part with nothing to change keeps its encoded octets
            assertThat(parts[2]).isEqualTo(crlf("Content-Type: message/rfc822", "Content-Transfer-Encoding: base64",
                "", unchangedPart, "--b--"));
        }

        @Test
        void aQuotedPrintableAttachedMessageIsEncodedBackInQuotedPrintable() throws Exception {
            String message = crlf("From: alice@border.test", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: message/rfc822",
                "Content-Transfer-Encoding: quoted-printable", "", "Message-ID: " + INTERNAL,
                "Subject: caf=C3=A9", "", "x=3Dy", "--b--");

            String out = rewritten(message, InnerMessageIds.Direction.TO_PUBLIC);

            String part = out.substring(out.indexOf("quoted-printable\r\n\r\n") + 20, out.indexOf("\r\n--b--"));
            String decoded = new String(new QuotedPrintableInputStream(in(part)).readAllBytes(),
                StandardCharsets.UTF_8);
            assertThat(decoded).isEqualTo(crlf("Message-ID: " + pub(INTERNAL), "Subject: caf\u00e9", "") + "x=y");
        }

        @Test
        void theTopLevelHeaderIsRewrittenOnlyWhenWritten() throws Exception {
            String message = crlf("Message-ID: " + INTERNAL, "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: message/rfc822", "",
                "Message-ID: " + OLDER, "", "hi", "--b--");

            InnerMessageIds.Scan scan = inner.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC);
            String out = rewritten(message, InnerMessageIds.Direction.TO_PUBLIC);

            assertThat(scan.rewritten()).as("the top-level header is MessageIdRewriter's").isEqualTo(1);
            assertThat(out).startsWith("Message-ID: " + pub(INTERNAL) + "\r\n").contains("Message-ID: " + pub(OLDER));
        }

        @Test
        void signedContentIsNotEntered() throws Exception {
            String message = crlf("From: alice@border.test", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=b", "", "--b",
                "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=s", "", "--s",
                "Content-Type: message/rfc822", "", "Message-ID: " + INTERNAL, "", "hi", "--s",
                "Content-Type: application/pkcs7-signature", "", "AAAA", "--s--", "--b--");

            InnerMessageIds.Scan scan = inner.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC);

            assertThat(scan.changed()).isFalse();
            assertThat(scan.protectedParts()).isEqualTo(1);
        }
    }

    @Nested
    class Reports {
        private String dsn(String id) {
            return crlf("From: MAILER-DAEMON@mx.remote.test", "To: alice@border.test", "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"", "", "--r",
                "Content-Type: text/plain", "", "Your message " + id + " could not be delivered.", "--r",
                "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.remote.test",
                "Original-Envelope-Id: " + id, "", "Final-Recipient: rfc822; carol@remote.test", "Action: failed",
                "Status: 5.1.1", "", "--r", "Content-Type: text/rfc822-headers", "", "From: alice@border.test",
                "Message-ID: " + id, "References: <first@gmail.com>", " " + OLDER, "Subject: hi", "", "--r--");
        }

        @Test
        void theReturnedHeaderOfADsnIsRewrittenAndTheDeliveryStatusLeftAlone() throws Exception {
            String message = dsn(INTERNAL);

            InnerMessageIds.Scan scan = inner.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC);
            String out = rewritten(message, InnerMessageIds.Direction.TO_PUBLIC);

            assertThat(scan.changedBlocks()).containsExactly("3 returned header");
            assertThat(scan.rewritten()).isEqualTo(2);
            assertThat(out).isEqualTo(message
                .replace("Message-ID: " + INTERNAL, "Message-ID: " + pub(INTERNAL))
                .replace(" " + OLDER + "\r\n", " " + pub(OLDER) + "\r\n"));
            // Original-Envelope-Id is not a Message-ID; the human-readable part is a body
            assertThat(out).contains("Original-Envelope-Id: " + INTERNAL, "Your message " + INTERNAL);
        }

        @Test
        void anMdnGetsItsOriginalMessageIdAndReturnedHeaderRestored() throws Exception {
            String mdn = crlf("From: carol@remote.test", "To: alice@border.test", "Message-ID: <mdn-1@remote.test>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"m\"", "", "--m",
                "Content-Type: text/plain; charset=us-ascii", "", "Your message was displayed.", "--m",
                "Content-Type: message/disposition-notification", "", "Reporting-UA: mail.remote.test; Mailer",
                "Final-Recipient: rfc822; carol@remote.test", "Original-Message-ID: " + pub(INTERNAL),
                "Disposition: manual-action/MDN-sent-manually; displayed", "", "--m",
                "Content-Type: text/rfc822-headers", "", "Message-ID: " + pub(INTERNAL), "Subject: hi", "", "--m--");

            InnerMessageIds.Scan scan = inner.scan(in(mdn), InnerMessageIds.Direction.TO_INTERNAL);
            String out = rewritten(mdn, InnerMessageIds.Direction.TO_INTERNAL);

            assertThat(scan.changedBlocks()).containsExactly("2 disposition", "3 returned header");
            assertThat(out).isEqualTo(mdn.replace(pub(INTERNAL), INTERNAL));
            // and back out: the same public ID, the same octets
            assertThat(rewritten(out, InnerMessageIds.Direction.TO_PUBLIC)).isEqualTo(mdn);
        }

        @Test
        void aForgedPublicIdInAReportIsLeftAndCounted() throws Exception {
            String forged = "<k1.abcdefghijklmnopqrstuvwxyz234567abcdefgh@border.test>";
            InnerMessageIds.Scan scan = inner.scan(in(dsn(forged)), InnerMessageIds.Direction.TO_INTERNAL);
            assertThat(scan.changed()).isFalse();
            assertThat(scan.unverified()).isEqualTo(1);
        }
    }

    @Nested
    class BadInput {
        @Test
        void brokenBase64InAnAttachedMessageIsRefused() {
            String message = crlf("From: alice@border.test", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: message/rfc822",
                "Content-Transfer-Encoding: base64", "", "TWVzc2FnZS1JRDog!!!*not base64*", "--b--");

            assertThatThrownBy(() -> inner.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC))
                .isInstanceOf(InnerMessageIdException.class);
        }

        @Test
        void nestingBeyondTheLimitIsRefused() {
            InnerMessageIds shallow = new InnerMessageIds(rewriter, MimeLimits.builder().maxDepth(2).build());
            String message = attached(crlf("Message-ID: " + INTERNAL, "Content-Type: multipart/mixed; boundary=n",
                "", "--n", "Content-Type: message/rfc822", "", "Message-ID: " + OLDER, "", "x", "--n--"));

            assertThatThrownBy(() -> shallow.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC))
                .isInstanceOf(InnerMessageIdException.class)
                .hasMessage("MIME nesting deeper than 2 levels");
        }

        @Test
        void tooManyPartsAreRefused() {
            InnerMessageIds few = new InnerMessageIds(rewriter, MimeLimits.builder().maxParts(2).build());
            assertThatThrownBy(() -> few.scan(in(attached(innerMessage(INTERNAL, OLDER))),
                InnerMessageIds.Direction.TO_PUBLIC))
                .isInstanceOf(InnerMessageIdException.class)
                .hasMessage("more than 2 MIME parts");
        }

        @Test
        void aHugeReturnedHeaderLineIsRefused() {
            InnerMessageIds small = new InnerMessageIds(rewriter, MimeLimits.builder().maxHeaderOctets(100).build());
            String message = crlf("MIME-Version: 1.0", "Content-Type: multipart/report; boundary=r", "", "--r",
                "Content-Type: text/rfc822-headers", "", "X-Long: " + "a".repeat(200), "--r--");

            assertThatThrownBy(() -> small.scan(in(message), InnerMessageIds.Direction.TO_PUBLIC))
                .isInstanceOf(InnerMessageIdException.class)
                .hasMessage("1 returned header: line over 100 octets");
        }

        @Test
        void aMessageOverTheSizeLimitIsRefused() {
            InnerMessageIds tiny = new InnerMessageIds(rewriter, MimeLimits.builder().maxMessageOctets(100).build());
            assertThatThrownBy(() -> tiny.scan(in(attached(innerMessage(INTERNAL, OLDER))),
                InnerMessageIds.Direction.TO_PUBLIC))
                .isInstanceOf(InnerMessageIdException.class)
                .hasMessageContaining("message over the limit of 100 octets");
        }

        @Test
        void aFailingSourceIsAnIoErrorNotBadInput() {
            InputStream failing = new InputStream() {
                private int left = 60;

                @Override
                public int read() throws IOException {
                    if (left-- <= 0) {
                        throw new IOException("disk gone");
                    }
                    return 'X';
                }
            };
            assertThatThrownBy(() -> inner.scan(failing, InnerMessageIds.Direction.TO_PUBLIC))
                .isInstanceOf(IOException.class)
                .hasMessage("disk gone");
        }

        @Test
        void returnedHeaderLinesThatAreNoFieldsAreKept() throws Exception {
            String message = crlf("MIME-Version: 1.0", "Content-Type: multipart/report; boundary=r", "", "--r",
                "Content-Type: text/rfc822-headers", "", "garbage line without colon", "Message-ID: " + INTERNAL,
                "--r--");

            String out = rewritten(message, InnerMessageIds.Direction.TO_PUBLIC);

            assertThat(out).isEqualTo(message.replace(INTERNAL, pub(INTERNAL)));
        }
    }
}
