package org.bordertransport.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Replays postsrsd-vectors.tsv, made by a real postsrsd 1.10 (see the file's header and make-postsrsd-vectors.py):
 * our forward output equals postsrsd's byte for byte, and we reverse what postsrsd reverses to the same address and
 * refuse what it refuses, for the same reason.
 */
class PostsrsdInteropTest {
    static final String SECRET = "interop-vector-secret-not-for-production";
    static final String DOMAIN = "forward.example";

    /** Rows where we knowingly differ from libsrs2 (documented on StandardSrs), with what we do instead. */
    private static final Map<String, String> DEVIATIONS = Map.of(
        "forward srs0@other.example", "SRS0=Aaqk=JM=other.example=srs0@forward.example",
        "reverse SRS1=DGa/=other.example=@forward.example", "MALFORMED");

    static final class Row {
        final String date;
        final String port;
        final String input;
        final String status;
        final String result;

        Row(String[] f) {
            date = f[0];
            port = f[1];
            input = f[2];
            status = f[3];
            result = f[4];
        }

        @Override
        public String toString() {
            return String.join(" | ", date, port, input, status, result);
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = PostsrsdInteropTest.class.getResourceAsStream("postsrsd-vectors.tsv")) {
            assertThat(in).as("postsrsd-vectors.tsv must be on the test class path").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    rows.add(new Row(line.split("\t", -1)));
                }
            }
        }
        return rows;
    }

    private final Map<String, StandardSrs> engines = new HashMap<>();

    private StandardSrs engine(String date) {
        return engines.computeIfAbsent(date, d -> StandardSrs.builder(SrsSecrets.of(SECRET), DOMAIN)
            .alphabet(HashAlphabet.STANDARD)
            .clock(Clock.fixed(Instant.parse(d + "T12:00:00Z"), ZoneOffset.UTC))
            .build());
    }

    @Test
    void vectorsShouldBeComplete() throws IOException {
        List<Row> rows = rows();
        assertThat(rows.stream().filter(r -> r.port.equals("forward"))).hasSizeGreaterThanOrEqualTo(200);
        assertThat(rows.stream().filter(r -> r.port.equals("reverse"))).hasSizeGreaterThanOrEqualTo(200);
        assertThat(rows.stream().filter(r -> r.result.startsWith("SRS1"))).hasSizeGreaterThanOrEqualTo(10);
        assertThat(rows.stream().filter(r -> r.result.equals("Time stamp out of date."))).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void forwardShouldEqualPostsrsdByteForByte() throws IOException {
        int checked = 0;
        for (Row row : rows()) {
            if (!row.port.equals("forward")) {
                continue;
            }
            StandardSrs srs = engine(row.date);
            String deviation = DEVIATIONS.get("forward " + row.input);
            if (deviation != null) {
                assertThat(forward(srs, row.input)).as(row.toString()).isEqualTo(deviation);
            } else if (row.status.equals("200")) {
                assertThat(forward(srs, row.input)).as(row.toString()).isEqualTo(row.result);
            } else if (row.result.equals("Already rewritten")) {
                assertThat(outcome(srs, row.input)).as(row.toString()).isEqualTo(SrsForward.Outcome.ALREADY_REWRITTEN);
            } else {
                assertThat(row.result).isEqualTo("No at sign in sender address");
                assertThatThrownBy(() -> srs.forward(row.input)).as(row.toString())
                    .isInstanceOf(SrsException.class).hasMessage("MALFORMED: sender '" + row.input + "' has no '@'");
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(200);
    }

    @Test
    void reverseShouldAgreeWithPostsrsd() throws IOException {
        int checked = 0;
        for (Row row : rows()) {
            if (!row.port.equals("reverse")) {
                continue;
            }
            StandardSrs srs = engine(row.date);
            String deviation = DEVIATIONS.get("reverse " + row.input);
            String expected = deviation != null ? deviation : row.status.equals("200") ? row.result : reason(row.result);
            assertThat(reverse(srs, row.input)).as(row.toString()).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(200);
    }

    @Test
    void urlSafeWriterShouldDifferOnlyInTheAlphabetAndReverseTheSame() throws IOException {
        int checked = 0;
        for (Row row : rows()) {
            if (row.port.equals("forward") && row.status.equals("200") && row.result.startsWith("SRS")
                    && !DEVIATIONS.containsKey("forward " + row.input)) {
                StandardSrs urlSafe = StandardSrs.builder(SrsSecrets.of(SECRET), DOMAIN)
                    .clock(Clock.fixed(Instant.parse(row.date + "T12:00:00Z"), ZoneOffset.UTC)).build();
                String ours = forward(urlSafe, row.input);
                int hashEnd = ours.indexOf('=', 5);
                assertThat(ours.substring(hashEnd)).isEqualTo(row.result.substring(hashEnd));
                assertThat(ours.substring(0, hashEnd)).isEqualTo(row.result.substring(0, hashEnd).replace('+', '-').replace('/', '_'));
                assertThat(reverse(engine(row.date), ours)).isEqualTo(reverse(engine(row.date), row.result));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(150);
    }

    private static String reason(String postsrsdError) {
        switch (postsrsdError) {
            case "Not an SRS address.":
                return "NOT_SRS";
            case "Hash invalid in SRS address.":
                return "BAD_HASH";
            case "Time stamp out of date.":
                return "EXPIRED";
            default:
                assertThat(postsrsdError).matches("No (host|user|hash|timestamp) in SRS[01] address\\.|Bad base32 character in timestamp\\.");
                return "MALFORMED";
        }
    }

    private static String forward(StandardSrs srs, String sender) {
        try {
            return srs.forward(sender).address();
        } catch (SrsException e) {
            return e.reason().toString();
        }
    }

    private static SrsForward.Outcome outcome(StandardSrs srs, String sender) {
        try {
            return srs.forward(sender).outcome();
        } catch (SrsException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String reverse(StandardSrs srs, String address) {
        try {
            return srs.reverse(address).bounceRecipient().orElseThrow();
        } catch (SrsException e) {
            return e.reason().toString();
        }
    }
}
