package org.bordertransport.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class ConvertedMessageTest {
    private static final String SMALL = "Subject: spooled\r\nContent-Type: text/plain\r\n\r\n" + "line\r\n".repeat(100);
    /** Over the spool's in-memory threshold (1 MiB): spooled to a temporary file. */
    static final String LARGE = "Subject: spooled\r\nContent-Type: text/plain\r\n\r\n"
        + "line\r\n".repeat(200_000);

    static Set<String> spoolFiles() {
        File[] files = new File(System.getProperty("java.io.tmpdir")).listFiles();
        return files == null ? Set.of() : Arrays.stream(files).map(File::getName)
            .filter(n -> n.startsWith("border-spool") && n.endsWith(".tmp")).collect(Collectors.toSet());
    }

    private static void write(ConvertedMessage converted, String text) throws Exception {
        OutputStream out = converted.output();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aMailThatKeepsWhatItIsGivenGetsACopyOutsideTheSpool() throws Exception {
        Set<String> before = spoolFiles();
        Mail mail = FakeMail.builder().name("m1").build();
        try (ConvertedMessage converted = ConvertedMessage.create()) {
            write(converted, LARGE);
            converted.replaceMessageOf(mail);
        }
        assertThat(spoolFiles()).isSubsetOf(before);
        assertThat(mail.getMessage().getSubject()).isEqualTo("spooled");
        assertThat(mail.getMessage().getContent().toString()).isEqualTo("line\r\n".repeat(200_000));

        Mail small = FakeMail.builder().name("m2").build();
        try (ConvertedMessage converted = ConvertedMessage.create()) {
            write(converted, SMALL);
            converted.replaceMessageOf(small);
        }
        assertThat(small.getMessage().getContent().toString()).isEqualTo("line\r\n".repeat(100));
    }

    @Test
    void jamesMailTakesTheSpoolWithoutACopyAndDisposesItWithItsMessage() throws Exception {
        Set<String> before = spoolFiles();
        MailImpl mail = MailImpl.builder().name("m2").build();
        try {
            try (ConvertedMessage converted = ConvertedMessage.create()) {
                write(converted, LARGE);
                converted.replaceMessageOf(mail);
            }
            // closing the ConvertedMessage left the spool to the mail: one file, which no other copy joined
            assertThat(spoolFiles()).hasSize(before.size() + 1);
            assertThat(mail.getMessage().getSubject()).isEqualTo("spooled");
            assertThat(mail.getMessage().getContent().toString()).isEqualTo("line\r\n".repeat(200_000));
        } finally {
            mail.dispose();
        }
        assertThat(spoolFiles()).isSubsetOf(before);
    }

    @Test
    void aMessageReplacedAgainDisposesTheSpoolTheMailTookBefore() throws Exception {
        Set<String> before = spoolFiles();
        MailImpl mail = MailImpl.builder().name("m3").build();
        try {
            try (ConvertedMessage first = ConvertedMessage.create()) {
                write(first, LARGE);
                first.replaceMessageOf(mail);
            }
            try (ConvertedMessage second = ConvertedMessage.create()) {
                write(second, SMALL);
                second.replaceMessageOf(mail);
            }
            assertThat(spoolFiles()).isSubsetOf(before);
            assertThat(mail.getMessage().getContent().toString()).isEqualTo("line\r\n".repeat(100));
        } finally {
            mail.dispose();
        }
    }

    @Test
    void anOutputNothingWasWrittenToReadsAsEmpty() throws Exception {
        try (ConvertedMessage converted = ConvertedMessage.create()) {
            converted.output().flush();
            try (InputStream in = converted.input()) {
                assertThat(in.readAllBytes()).isEmpty();
            }
        }
    }

    @Test
    void aDroppedSpoolLeavesNoFile() throws Exception {
        Set<String> before = spoolFiles();
        try (ConvertedMessage converted = ConvertedMessage.create()) {
            write(converted, LARGE);
            converted.output().flush();
            assertThat(spoolFiles()).isNotEqualTo(before);
        }
        assertThat(spoolFiles()).isSubsetOf(before);
    }
}
