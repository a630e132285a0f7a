package org.bordertransport.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.Test;

class SharedSpoolSourceTest {
    private static MailImpl mailOf(String message) throws Exception {
        MailImpl mail = MailImpl.builder().name("shared").sender(new MailAddress("a@border.test"))
            .addRecipient(new MailAddress("b@example.com")).build();
        try (ConvertedMessage converted = ConvertedMessage.create()) {
            converted.output().write(message.getBytes(StandardCharsets.ISO_8859_1));
            converted.replaceMessageOf(mail);
        }
        return mail;
    }

    @Test
    void headerOnlyChangesShareTheBodyInsteadOfCopyingIt() throws Exception {
        Set<String> before = ConvertedMessageTest.spoolFiles();
        int live = SharedSpoolSource.live();
        MailImpl mail = mailOf(ConvertedMessageTest.LARGE);
        try {
            assertThat(ConvertedMessageTest.spoolFiles()).hasSize(before.size() + 1);
            List<HeaderField> header = MimeHeaders.read(mail.getMessage());
            List<HeaderField> changed = List.of(new HeaderField("Subject", "replaced"), header.get(1));
            assertThat(HeaderReplacement.replace(mail, header, changed)).isTrue();
            mail.getMessage().addHeader("X-Signed", "yes");
            HeaderReplacement.renew(mail);

            // two new messages, the same one file: the first source was disposed, its body lives on
            assertThat(ConvertedMessageTest.spoolFiles()).hasSize(before.size() + 1);
            assertThat(SharedSpoolSource.live()).isEqualTo(live + 1);
            assertThat(((MimeMessageWrapper) mail.getMessage()).isModified()).isFalse();
            assertThat(HeaderReplacementTest.written(mail)).isEqualTo("X-Signed: yes\r\nSubject: replaced\r\n"
                + "Content-Type: text/plain\r\n\r\n" + "line\r\n".repeat(200_000));
            assertThat(mail.getMessageSize()).isEqualTo(HeaderReplacementTest.written(mail).length());
        } finally {
            mail.dispose();
        }
        assertThat(ConvertedMessageTest.spoolFiles()).isSubsetOf(before);
        assertThat(SharedSpoolSource.live()).isEqualTo(live);
    }

    @Test
    void theBodyIsFoundAfterEveryKindOfLineEnd() throws Exception {
        String[][] cases = {
            {"Subject: lf\n\n", "body\n"},
            {"Subject: cr\r\r", "body\r"},
            {"Subject: mixed\r\n\n", "body"},
            {"\r\n", "body only"},
            {"Subject: no body\r\n", ""},
        };
        for (String[] parts : cases) {
            String message = parts[0] + parts[1];
            MailImpl mail = mailOf(message);
            try {
                HeaderReplacement.renew(mail);
                assertThat(HeaderReplacementTest.written(mail)).as(message).endsWith(parts[1]);
                try (InputStream raw = mail.getMessage().getRawInputStream()) {
                    assertThat(new String(raw.readAllBytes(), StandardCharsets.ISO_8859_1)).as(message)
                        .isEqualTo(parts[1]);
                }
            } finally {
                mail.dispose();
            }
        }
    }

    @Test
    void aMessageOfJamesOwnIsCopiedOnceIntoASpoolOfOurs() throws Exception {
        MailImpl mail = MailImpl.builder().name("james").sender(new MailAddress("a@border.test"))
            .addRecipient(new MailAddress("b@example.com"))
            .mimeMessage(new MimeMessageWrapper(MimeMessageInputStreamSource.create("james-1",
                new ByteArrayInputStream("Subject: his\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)))))
            .build();
        try {
            assertThat(SharedSpoolSource.bodySourceOf(mail.getMessage())).isEmpty();
            HeaderReplacement.renew(mail);
            assertThat(SharedSpoolSource.bodySourceOf(mail.getMessage())).isPresent();
            assertThat(HeaderReplacementTest.written(mail)).isEqualTo("Subject: his\r\n\r\nbody\r\n");
        } finally {
            mail.dispose();
        }
    }

    @Test
    void aBodyChangedInPlaceIsNotShared() throws Exception {
        MailImpl mail = mailOf("Subject: edited\r\nContent-Type: text/plain\r\n\r\nold body\r\n");
        try {
            assertThat(SharedSpoolSource.bodySourceOf(mail.getMessage())).isPresent();
            mail.getMessage().setText("new body");
            // a new body is not in the spool: the source is not shared (what the message then is, is James's)
            assertThat(SharedSpoolSource.bodySourceOf(mail.getMessage())).isEmpty();
        } finally {
            mail.dispose();
        }
    }

    @Test
    void aDisposedSourceIsNoLongerFoundNorRead() throws Exception {
        MailImpl mail = mailOf("Subject: gone\r\n\r\nbody\r\n");
        MimeMessageWrapper message = (MimeMessageWrapper) mail.getMessage();
        mail.dispose();
        assertThat(SharedSpoolSource.bodySourceOf(message)).isEmpty();
    }
}
