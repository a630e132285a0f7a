package org.bordertransport.mailets;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;

final class Fixtures {
    static final String KEY_1 = key("k1", 1);
    static final String KEY_2 = key("k2", 2);
    static final String SAMPLE_KEY =
        "sample:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==";
    static final org.bordertransport.james.JamesDefaultDomain BORDER_TEST = () -> Optional.of("border.test");
    static final org.bordertransport.james.JamesDefaultDomain NO_DEFAULT = Optional::empty;

    private Fixtures() {
    }

    static String key(String id, int seed) {
        byte[] key = new byte[64];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 17 + i * 3);
        }
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * A plain javax.mail message parsed from raw text; unlike {@code MimeMessageBuilder}, which adds a JavaMail
     * Message-ID when building, nothing is added. A plain {@code MimeMessage} also replaces the Message-ID on
     * {@code saveChanges()}, the worst case for these mailets.
     */
    static MimeMessage raw(String... extraHeaders) throws MessagingException {
        StringBuilder text = new StringBuilder();
        for (String header : extraHeaders) {
            text.append(header).append("\r\n");
        }
        text.append("From: alice@border.test\r\nTo: someone@remote.test\r\nSubject: hello\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "h\u00e9llo w\u00f6rld\r\n");
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static Mail mail(MimeMessage message) throws MessagingException {
        return FakeMail.builder()
            .name("mail1")
            .sender("alice@border.test")
            .recipient("someone@remote.test")
            .mimeMessage(message)
            .build();
    }
}
