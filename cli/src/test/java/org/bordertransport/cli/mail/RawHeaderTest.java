package org.bordertransport.cli.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RawHeaderTest {
    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static RawHeader read(String text) throws IOException {
        return RawHeader.read(new ByteArrayInputStream(latin1(text)));
    }

    private static byte[] write(RawHeader header, List<HeaderField> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header.writeTo(out, fields);
        return out.toByteArray();
    }

    @Nested
    class Reading {
        @Test
        void shouldSplitFieldsAndKeepRawValues() throws Exception {
            RawHeader header = read("From: a@example.org\r\nMessage-ID:  <x@y.example>\r\n\r\nbody\r\n");

            assertThat(header.fields()).containsExactly(new HeaderField("From", " a@example.org"),
                new HeaderField("Message-ID", "  <x@y.example>"));
            assertThat(header.separator()).isEqualTo("\r\n");
            assertThat(header.lineEnd()).isEqualTo("\r\n");
        }

        @Test
        void shouldKeepFoldingInTheValue() throws Exception {
            RawHeader header = read("References: <a@b.example>\r\n <c@d.example>\r\n\t<e@f.example>\r\nTo: x\r\n\r\n");

            assertThat(header.fields()).containsExactly(
                new HeaderField("References", " <a@b.example>\r\n <c@d.example>\r\n\t<e@f.example>"), new HeaderField("To", " x"));
        }

        @Test
        void shouldReadLfOnlyMessages() throws Exception {
            RawHeader header = read("Subject: s\n folded\nTo: x\n\nbody\n");

            assertThat(header.fields()).containsExactly(new HeaderField("Subject", " s\n folded"), new HeaderField("To", " x"));
            assertThat(header.separator()).isEqualTo("\n");
            assertThat(header.lineEnd()).isEqualTo("\n");
        }

        @Test
        void shouldStopAtTheEmptyLineAndLeaveTheBodyInTheStream() throws Exception {
            InputStream in = new BufferedInputStream(new ByteArrayInputStream(latin1("To: x\r\n\r\nTo: not a header\r\n")));

            RawHeader.read(in);

            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("To: not a header\r\n");
        }

        @Test
        void shouldAcceptAHeaderWithoutBodyOrFinalLineEnd() throws Exception {
            RawHeader header = read("To: x\r\nSubject: y");

            assertThat(header.fields()).containsExactly(new HeaderField("To", " x"), new HeaderField("Subject", " y"));
            assertThat(header.separator()).isEmpty();
            assertThat(header.entries().get(1).terminator()).isEmpty();
        }

        @Test
        void shouldAcceptAnEmptyInput() throws Exception {
            RawHeader header = read("");

            assertThat(header.fields()).isEmpty();
            assertThat(header.entries()).isEmpty();
        }

        @Test
        void shouldTrimTheNameOfObsoleteFields() throws Exception {
            assertThat(read("Message-ID : <a@b.example>\r\n\r\n").values("message-id")).containsExactly(" <a@b.example>");
        }

        @Test
        void shouldKeepLinesThatAreNotFieldsAsOpaqueEntries() throws Exception {
            RawHeader header = read("From alice@example.org Mon Jun  3 10:00:00 2024\n no colon here\nTo: x\nnot a field\n\n");

            assertThat(header.entries()).hasSize(3);
            assertThat(header.entries().get(0).field()).isEmpty();
            assertThat(header.entries().get(0).raw()).isEqualTo("From alice@example.org Mon Jun  3 10:00:00 2024\n no colon here\n");
            assertThat(header.entries().get(2).field()).isEmpty();
            assertThat(header.fields()).containsExactly(new HeaderField("To", " x"));
        }

        @Test
        void shouldTreatALeadingContinuationLineAsOpaque() throws Exception {
            RawHeader header = read(" orphan: line\r\nTo: x\r\n\r\n");

            assertThat(header.entries().get(0).field()).isEmpty();
            assertThat(header.fields()).containsExactly(new HeaderField("To", " x"));
        }

        @Test
        void shouldRefuseAnEndlessHeader() {
            byte[] junk = new byte[RawHeader.MAX_OCTETS + 10];
            Arrays.fill(junk, (byte) 'x');

            assertThatThrownBy(() -> RawHeader.read(new ByteArrayInputStream(junk)))
                .isInstanceOf(IOException.class).hasMessageContaining("header block longer than");
        }
    }

    @Nested
    class Writing {
        @Test
        void unchangedHeaderShouldBeByteIdentical() throws Exception {
            String text = "From nobody\r\nSubject: caf\u00e9 \u00ff\r\n  folded\t\r\nX-Bare-LF: a\nMessage-ID :<a@b.example>\r\nlast: v";
            RawHeader header = read(text);

            assertThat(write(header, header.fields())).isEqualTo(latin1(text));
        }

        @Test
        void shouldKeepEightBitBytes() throws Exception {
            byte[] utf8 = "Subject: Gr\u00fc\u00dfe \u20ac\r\n\r\n".getBytes(StandardCharsets.UTF_8);
            RawHeader header = RawHeader.read(new ByteArrayInputStream(utf8));
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            header.writeTo(out);

            assertThat(out.toByteArray()).isEqualTo(utf8);
        }

        @Test
        void changedFieldShouldKeepItsNameAndTheOthersTheirBytes() throws Exception {
            RawHeader header = read("message-id:\t<a@srv.local>  \r\nTo:   x   \r\n\r\n");
            List<HeaderField> fields = new ArrayList<>(header.fields());
            fields.set(0, new HeaderField("Message-ID", "<p@example.org>"));

            assertThat(new String(write(header, fields), StandardCharsets.ISO_8859_1))
                .isEqualTo("message-id: <p@example.org>\r\nTo:   x   \r\n\r\n");
        }

        @Test
        void changedValueStartingWithWhiteSpaceShouldGetNoExtraSpace() throws Exception {
            RawHeader header = read("Message-ID: <a@srv.local>\r\n\r\n");

            assertThat(new String(write(header, List.of(new HeaderField("Message-ID", " <p@example.org>"))),
                StandardCharsets.ISO_8859_1)).isEqualTo("Message-ID: <p@example.org>\r\n\r\n");
        }

        @Test
        void newFoldingShouldFollowTheLineEndsOfTheMessage() throws Exception {
            RawHeader header = read("To: x\nReferences: <a@srv.local>\n\n");
            List<HeaderField> fields = List.of(header.fields().get(0),
                new HeaderField("References", "<p@example.org>\r\n <q@example.org>"));

            assertThat(new String(write(header, fields), StandardCharsets.ISO_8859_1))
                .isEqualTo("To: x\nReferences: <p@example.org>\n <q@example.org>\n\n");
        }

        @Test
        void shouldRefuseAValueThatWouldStartANewField() throws Exception {
            RawHeader header = read("Message-ID: <a@srv.local>\r\n\r\n");

            assertThatThrownBy(() -> write(header, List.of(new HeaderField("Message-ID", "<p@example.org>\r\nBcc: x@y"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the new value of Message-ID has a line break not followed by white space");
        }

        @Test
        void shouldRefuseAListThatDoesNotMatch() throws Exception {
            RawHeader header = read("To: x\r\nFrom: y\r\n\r\n");

            assertThatThrownBy(() -> write(header, List.of(new HeaderField("To", " x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected 2 header fields, got 1");
            assertThatThrownBy(() -> write(header, List.of(new HeaderField("To", " x"), new HeaderField("Cc", " y"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("field 2 was From, got Cc");
        }

        @Test
        void charactersBeyondLatin1ShouldBeWrittenInUtf8() {
            assertThat(RawHeader.bytes("a\u00e9\u20ac\ud83d\ude00")).isEqualTo(new byte[] {'a', (byte) 0xe9,
                (byte) 0xe2, (byte) 0x82, (byte) 0xac, (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80});
        }
    }
}
