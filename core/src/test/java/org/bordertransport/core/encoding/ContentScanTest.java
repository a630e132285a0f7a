package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ContentScanTest {
    private static ContentScan scan(String latin1) {
        return ContentScan.of(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldSeeCleanCrlfText() {
        ContentScan scan = scan("Hello\r\nWorld\r\n");
        assertThat(scan.octets()).isEqualTo(14);
        assertThat(scan.lines()).isEqualTo(2);
        assertThat(scan.longestLine()).isEqualTo(5);
        assertThat(scan.hasEightBit()).isFalse();
        assertThat(scan.hasBareCr()).isFalse();
        assertThat(scan.hasBareLf()).isFalse();
        assertThat(scan.endsWithLineBreak()).isTrue();
        assertThat(scan.isSevenBitSafe(false)).isTrue();
        assertThat(scan.describe(false)).isEqualTo("7-bit clean");
    }

    @Test
    void shouldCountEightBitOctetsAndNul() {
        ContentScan scan = scan("caf\u00e9\u0000x");
        assertThat(scan.eightBitOctets()).isEqualTo(1);
        assertThat(scan.hasNul()).isTrue();
        assertThat(scan.isSevenBitSafe(true)).isFalse();
        assertThat(scan.describe(true)).isEqualTo("1 octets over 0x7F");
        assertThat(scan("a\u0000b").describe(true)).isEqualTo("NUL octets");
    }

    @Test
    void shouldSeeBareLineEndsAsLineEnds() {
        ContentScan scan = scan("ab\ncde\rf\r");
        assertThat(scan.hasBareLf()).isTrue();
        assertThat(scan.hasBareCr()).isTrue();
        assertThat(scan.lines()).isEqualTo(3);
        assertThat(scan.longestLine()).isEqualTo(3);
        assertThat(scan.isSevenBitSafe(true)).isTrue();
        assertThat(scan.isSevenBitSafe(false)).isFalse();
        assertThat(scan.describe(false)).isEqualTo("bare CR or LF octets in binary data");
    }

    @Test
    void shouldFindLongLines() {
        assertThat(scan("x".repeat(998) + "\r\n").hasLongLines()).isFalse();
        ContentScan scan = scan("short\r\n" + "x".repeat(999));
        assertThat(scan.hasLongLines()).isTrue();
        assertThat(scan.longestLine()).isEqualTo(999);
        assertThat(scan.endsWithLineBreak()).isFalse();
        assertThat(scan.describe(true)).isEqualTo("a line of 999 octets (limit 998)");
    }

    @Test
    void shouldGiveTheSameResultWhateverTheChunking() throws Exception {
        byte[] content = "a\r\nb\rc\n\r\n\u00ff\r".getBytes(StandardCharsets.ISO_8859_1);
        ContentScan whole = ContentScan.of(new ByteArrayInputStream(content));
        ContentScan.Scanner scanner = ContentScan.scanner();
        for (byte b : content) {
            scanner.update(b);
        }
        assertThat(scanner.result()).isEqualTo(whole);
        assertThat(whole.hasBareCr()).isTrue();
        assertThat(whole.hasBareLf()).isTrue();
        assertThat(whole.lines()).isEqualTo(5);
    }

    @Test
    void bulkUpdateMatchesOctetByOctetUpdateOnRandomChunks() {
        java.util.Random random = new java.util.Random(11);
        byte[] alphabet = {'\r', '\n', 0, 'a', ' ', (byte) 0x80, (byte) 0xff, 0x0b};
        for (int round = 0; round < 2000; round++) {
            byte[] content = new byte[random.nextInt(60)];
            for (int i = 0; i < content.length; i++) {
                content[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                    : alphabet[random.nextInt(alphabet.length)];
            }
            ContentScan.Scanner single = ContentScan.scanner();
            for (byte b : content) {
                single.update(b);
            }
            ContentScan.Scanner bulk = ContentScan.scanner();
            int at = 0;
            while (at < content.length) {
                int n = random.nextInt(content.length - at + 1);
                bulk.update(content, at, n);
                at += n;
            }
            assertThat(bulk.result()).as("round %d", round).isEqualTo(single.result());
        }
    }

    @Test
    void binaryScannerStopsAtTheFirstUnsafeOctetButCountsEverything() {
        byte[] content = new byte[100_000];
        content[10] = (byte) 0x80;
        content[50_000] = (byte) 0x90;
        ContentScan.Scanner scanner = ContentScan.binaryScanner();
        for (int at = 0; at < content.length; at += 1000) {
            scanner.update(content, at, 1000);
        }
        ContentScan scan = scanner.result();
        assertThat(scan.octets()).isEqualTo(100_000);
        assertThat(scan.isSevenBitSafe(false)).isFalse();
        assertThat(scan.complete()).isFalse();
        assertThat(scan.eightBitOctets()).isEqualTo(1);
        assertThat(scan.describe(false)).isEqualTo("octets over 0x7F");
        assertThat(ContentScan.of(content).describe(false)).isEqualTo("2 octets over 0x7F");
    }

    @Test
    void binaryScannerOfSafeContentIsCompleteAndEqualToAFullScan() {
        byte[] content = "line one\r\nline two\r\n".repeat(500).getBytes(StandardCharsets.US_ASCII);
        ContentScan.Scanner scanner = ContentScan.binaryScanner();
        scanner.update(content, 0, content.length);
        assertThat(scanner.result()).isEqualTo(ContentScan.of(content));
        assertThat(scanner.result().complete()).isTrue();
        ContentScan.Scanner single = ContentScan.binaryScanner();
        single.update('\n');
        single.update('a');
        assertThat(single.result().hasBareLf()).isTrue();
        assertThat(single.result().complete()).isFalse();
        assertThat(single.result().octets()).isEqualTo(2);
    }

    @Test
    void emptyContentIsClean() {
        ContentScan scan = scan("");
        assertThat(scan.lines()).isZero();
        assertThat(scan.endsWithLineBreak()).isFalse();
        assertThat(scan.isSevenBitSafe(false)).isTrue();
    }
}
