package org.bordertransport.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MimeTreeReaderTest {
    private static final String NESTED = "From: a@example.com\r\n"
        + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
        + "preamble\r\n"
        + "--outer\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        + "--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
        + "--inner\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
        + "--inner\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
        + "--inner--\r\n"
        + "--outer\r\nContent-Type: application/pkcs7-mime; name=\"smime.p7m\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n"
        + "--outer--\r\nepilogue\r\n";

    /** Records the events and the leaf bodies, fails with IllegalStateException. */
    private static final class Recorder implements MimeTreeVisitor<List<String>, IllegalStateException> {
        final List<String> events = new ArrayList<>();
        private final boolean preambles;
        private final String stopAt;

        Recorder(boolean preambles, String stopAt) {
            this.preambles = preambles;
            this.stopAt = stopAt;
        }

        @Override
        public IllegalStateException create(String message, Throwable cause) {
            return new IllegalStateException(message, cause);
        }

        @Override
        public List<String> newData() {
            return new ArrayList<>();
        }

        @Override
        public void entity(MimeNode<List<String>> node) {
            events.add("entity " + node.path() + " " + node.mimeType());
        }

        @Override
        public void protectedEntity(MimeNode<List<String>> node) {
            events.add("protected " + node.path());
        }

        @Override
        public boolean body(MimeNode<List<String>> node, InputStream raw) throws IOException {
            node.data().add(new String(raw.readAllBytes(), StandardCharsets.US_ASCII));
            return !node.path().equals(stopAt);
        }

        @Override
        public boolean keepsPreambles() {
            return preambles;
        }
    }

    private static InputStream in(String message) {
        return new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII));
    }

    private static MimeTreeReader reader(MimeLimits.Builder limits) {
        return new MimeTreeReader(limits.build());
    }

    @Nested
    class Tree {
        @Test
        void readShouldBuildTheTreeWithPathsIdsAndBodies() throws Exception {
            Recorder recorder = new Recorder(true, null);
            MimeNode<List<String>> root = reader(MimeLimits.builder()).read(in(NESTED), recorder);

            assertThat(root.path()).isEqualTo("root");
            assertThat(root.isRoot()).isTrue();
            assertThat(root.isMultipart()).isTrue();
            assertThat(root.boundary()).isEqualTo("outer");
            assertThat(new String(root.preamble(), StandardCharsets.US_ASCII)).isEqualTo("preamble");
            assertThat(new String(root.epilogue(), StandardCharsets.US_ASCII)).isEqualTo("epilogue\r\n");
            assertThat(root.children()).extracting(MimeNode::path).containsExactly("1", "2", "3");
            assertThat(root.children()).extracting(MimeNode::id).containsExactly(1, 2, 5);
            MimeNode<List<String>> alternative = root.children().get(1);
            assertThat(alternative.children()).extracting(MimeNode::path).containsExactly("2.1", "2.2");
            assertThat(alternative.children().get(1).root()).isSameAs(root);
            assertThat(alternative.children().get(1).data()).containsExactly("<p>html</p>");
            assertThat(root.headers()).extracting(MimeNode.Header::name).containsExactly("From", "Content-Type");
            assertThat(root.headers().get(0).body()).isEqualTo("a@example.com");
            assertThat(new String(root.headers().get(0).raw(), StandardCharsets.US_ASCII))
                .isEqualTo("From: a@example.com");
        }

        @Test
        void readShouldReportSignedOrEncryptedEntitiesAfterTheirEntityEvent() throws Exception {
            Recorder recorder = new Recorder(true, null);
            reader(MimeLimits.builder()).read(in(NESTED), recorder);

            assertThat(recorder.events).containsSubsequence("entity 3 application/pkcs7-mime", "protected 3");
            assertThat(recorder.events).filteredOn(e -> e.startsWith("protected")).containsExactly("protected 3");
        }

        @Test
        void readShouldStopWhenTheVisitorSaysSo() throws Exception {
            Recorder recorder = new Recorder(true, "1");
            MimeNode<List<String>> root = reader(MimeLimits.builder()).read(in(NESTED), recorder);

            assertThat(root.children()).extracting(MimeNode::path).containsExactly("1");
        }

        @Test
        void readShouldSkipPreamblesWhenTheVisitorDoesNotKeepThem() throws Exception {
            MimeNode<List<String>> root = reader(MimeLimits.builder().maxPreambleOctets(1))
                .read(in(NESTED), new Recorder(false, null));

            assertThat(root.preamble()).isNull();
            assertThat(root.epilogue()).isNull();
        }
    }

    @Nested
    class Limits {
        @Test
        void readShouldFailPastTheDepth() {
            assertThatThrownBy(() -> reader(MimeLimits.builder().maxDepth(1)).read(in(NESTED), new Recorder(true, null)))
                .isInstanceOf(IllegalStateException.class).hasMessage("MIME nesting deeper than 1 levels");
        }

        @Test
        void readShouldFailPastThePartCount() {
            assertThatThrownBy(() -> reader(MimeLimits.builder().maxParts(3)).read(in(NESTED), new Recorder(true, null)))
                .isInstanceOf(IllegalStateException.class).hasMessage("more than 3 MIME parts");
        }

        @Test
        void readShouldFailPastThePreambleLimit() {
            assertThatThrownBy(() -> reader(MimeLimits.builder().maxPreambleOctets(4))
                .read(in(NESTED), new Recorder(true, null)))
                .isInstanceOf(IllegalStateException.class).hasMessage("preamble over the limit of 4 octets");
        }

        @Test
        void readShouldLeaveBrokenStructureToMime4jWhenDecodingIsStrict() {
            assertThatThrownBy(() -> reader(MimeLimits.builder().strictDecoding(true)).read(in(""),
                new Recorder(true, null))).isInstanceOf(MimeException.class);
        }

        @Test
        void builderShouldRejectBadValuesNamingTheLimit() {
            assertThatThrownBy(() -> MimeLimits.builder().maxParts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxParts must be positive, got 0");
            assertThatThrownBy(() -> MimeLimits.builder().memoryThreshold(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryThreshold must be 0 or more, got -1");
            assertThat(MimeLimits.builder().maxLineOctets(MimeLimits.NO_LINE_LIMIT).build().maxLineOctets())
                .isEqualTo(MimeLimits.NO_LINE_LIMIT);
        }

        @Test
        void decodeMonitorShouldFollowStrictDecoding() {
            assertThat(MimeLimits.builder().strictDecoding(true).build().decodeMonitor().isListening()).isTrue();
            assertThat(MimeLimits.builder().strictDecoding(false).build().decodeMonitor().isListening()).isFalse();
        }
    }

    @Nested
    class SecondPass {
        @Test
        void cursorShouldStreamTheBodiesAgainInTreeOrder() throws Exception {
            MimeTreeReader reader = reader(MimeLimits.builder());
            MimeNode<List<String>> root = reader.read(in(NESTED), new Recorder(true, null));
            MimeCursor cursor = reader.cursor(in(NESTED));

            cursor.advanceTo(root.children().get(0), EntityState.T_BODY, IllegalStateException::new);
            assertThat(new String(cursor.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
            cursor.advanceTo(root.children().get(2), EntityState.T_BODY, IllegalStateException::new);
            assertThat(cursor.decodedBody().readAllBytes()).containsExactly(0, 0, 0);
        }

        @Test
        void cursorShouldFailWhenTheMessageChangedBetweenPasses() throws Exception {
            MimeTreeReader reader = reader(MimeLimits.builder());
            MimeNode<List<String>> root = reader.read(in(NESTED), new Recorder(true, null));
            MimeCursor cursor = reader.cursor(in("Content-Type: text/plain\r\n\r\nshort\r\n"));

            assertThatThrownBy(() -> cursor.advanceTo(root.children().get(2), EntityState.T_BODY,
                IllegalStateException::new))
                .isInstanceOf(IllegalStateException.class).hasMessage("message changed between passes at 3");
        }

        @Test
        void writerShouldWriteTheMultipartBodyAsRead() throws Exception {
            MimeTreeReader reader = reader(MimeLimits.builder());
            MimeNode<List<String>> root = reader.read(in(NESTED), new Recorder(true, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            MimeEntityWriter.writeMultipartBody(root, child -> child.path().equals("1"),
                (child, o) -> o.write("X".getBytes(StandardCharsets.US_ASCII)), null, out);

            assertThat(out.toString(StandardCharsets.US_ASCII))
                .isEqualTo("preamble\r\n--outer\r\nX\r\n--outer--\r\nepilogue\r\n");
        }

        @Test
        void writerShouldWriteThePlaceholderWhenNoChildIsWritten() throws Exception {
            MimeTreeReader reader = reader(MimeLimits.builder());
            MimeNode<List<String>> root = reader.read(in(NESTED), new Recorder(true, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            MimeEntityWriter.writeMultipartBody(root, child -> false, (child, o) -> { },
                "P\r\n".getBytes(StandardCharsets.US_ASCII), out);

            assertThat(out.toString(StandardCharsets.US_ASCII))
                .isEqualTo("preamble\r\n--outer\r\nP\r\n--outer--\r\nepilogue\r\n");
        }
    }
}
