package org.bordertransport.core.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.tnef.TnefBuilder.date;
import static org.bordertransport.core.tnef.TnefBuilder.sz;
import static org.bordertransport.core.tnef.TnefBuilder.tnef;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.bordertransport.core.tnef.TnefBuilder.Props;
import org.junit.jupiter.api.Test;

/**
 * Cut and mutated TNEF: every outcome is a message or a {@link TnefException}, never another exception, an
 * out-of-memory error or a hang.
 */
class TnefRobustnessTest {
    /** A sample using every kind of attribute and property the reader handles, with an embedded message. */
    static byte[] sample() {
        byte[] inner = tnef().message(TnefAttribute.ATT_SUBJECT, sz("inner"))
            .messageProps(Props.props().unicode(MapiTag.PR_BODY, "body"))
            .renddata(0).attachment(TnefAttribute.ATT_ATTACH_DATA, new byte[] {1, 2, 3})
            .build();
        return tnef()
            .message(TnefAttribute.ATT_TNEF_VERSION, TnefBuilder.le32(0x10000))
            .codePage(1252)
            .message(TnefAttribute.ATT_MESSAGE_CLASS, sz("IPM.Note"))
            .message(TnefAttribute.ATT_SUBJECT, sz("Subject \u00e9"))
            .message(TnefAttribute.ATT_DATE_SENT, date(2020, 1, 2, 3, 4, 5, 4))
            .message(TnefAttribute.ATT_BODY, sz("text"))
            .messageProps(Props.props()
                .int32(MapiTag.PR_MESSAGE_CODEPAGE, 1252)
                .int16(0x0001, 5)
                .bool(0x0002, true)
                .int64(MapiTag.PT_SYSTIME, 0x0003, 130_000_000_000_000_000L)
                .tag(MapiTag.PT_CLSID, 0x0004).raw(new byte[16])
                .binary(MapiTag.PR_HTML, "<p>x</p>".getBytes(StandardCharsets.US_ASCII))
                .tag(MapiTag.PT_LONG | MapiTag.MV_FLAG, 0x0005).valueCount(2).raw(TnefBuilder.le32(1))
                .raw(TnefBuilder.le32(2))
                .tag(MapiTag.PT_UNICODE, 0x8000).nameString(MapiName.PS_PUBLIC_STRINGS, "Keywords")
                .valueCount(1).variable("k\u0000".getBytes(StandardCharsets.UTF_16LE))
                .tag(MapiTag.PT_LONG, 0x8001).nameId(MapiName.PSETID_APPOINTMENT, 0x8205).raw(TnefBuilder.le32(2)))
            .renddata(0)
            .attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("a.txt"))
            .attachment(TnefAttribute.ATT_ATTACH_DATA, "hello".getBytes(StandardCharsets.US_ASCII))
            .attachProps(Props.props().string8(MapiTag.PR_ATTACH_LONG_FILENAME, "long a.txt")
                .string8(MapiTag.PR_ATTACH_MIME_TAG, "text/plain"))
            .renddata(0)
            .attachProps(Props.props().object(MapiTag.PR_ATTACH_DATA, TnefBuilder.IID_ISTORAGE, new byte[] {9})
                .int32(MapiTag.PR_ATTACH_METHOD, 6))
            .renddata(0)
            .attachProps(Props.props().embedded(inner).int32(MapiTag.PR_ATTACH_METHOD, 5))
            .build();
    }

    /** Offsets where an attribute (or the stream) ends: cutting there leaves a valid, shorter stream. */
    static Set<Integer> attributeBoundaries(byte[] tnef) {
        Set<Integer> ends = new HashSet<>();
        int at = 6;
        ends.add(at);
        while (at + 9 <= tnef.length) {
            long length = Bytes.u32(tnef, at + 5);
            at += 9 + (int) length + 2;
            ends.add(at);
        }
        return ends;
    }

    static Outcome attempt(byte[] bytes, TnefReadOptions options) {
        try (TnefMessage message = TnefReader.read(new ByteArrayInputStream(bytes), options)) {
            for (TnefAttachment a : message.attachments()) {
                a.name();
                if (a.content().isPresent()) {
                    a.content().get().toByteArray();
                }
            }
            message.textBody();
            return Outcome.READ;
        } catch (TnefException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.reason()).isNotNull();
            return Outcome.REFUSED;
        } catch (IOException e) {
            throw new AssertionError("I/O failure on in-memory input", e);
        }
    }

    enum Outcome { READ, REFUSED }

    @Test
    void sampleIsReadCompletely() throws Exception {
        byte[] bytes = sample();
        TnefReadOptions strict = TnefReadOptions.builder().checksumMode(ChecksumMode.STRICT).build();
        try (TnefMessage message = TnefReader.read(new ByteArrayInputStream(bytes), strict)) {
            assertThat(message.attachments()).extracting(TnefAttachment::name)
                .containsExactly("long a.txt", "attachment-2", "attachment-3");
            assertThat(message.attachments().get(2).embeddedMessage().orElseThrow().textBody()).contains("body");
            assertThat(message.attachments().get(1).content().orElseThrow().toByteArray()).containsExactly(9);
            assertThat(message.warnings()).isEmpty();
        }
    }

    @Test
    void everyTruncationIsRefusedUnlessItFallsBetweenAttributes() {
        byte[] full = sample();
        Set<Integer> boundaries = attributeBoundaries(full);
        int refused = 0;
        for (int cut = 0; cut < full.length; cut++) {
            Outcome outcome = attempt(Arrays.copyOf(full, cut), TnefReadOptions.defaults());
            if (boundaries.contains(cut)) {
                assertThat(outcome).as("cut at attribute boundary %d", cut).isEqualTo(Outcome.READ);
            } else {
                assertThat(outcome).as("cut at %d", cut).isEqualTo(Outcome.REFUSED);
                refused++;
            }
        }
        assertThat(refused).isEqualTo(full.length - (boundaries.size() - 1));
    }

    @Test
    void mutatedInputsAreReadOrRefused() {
        byte[] full = sample();
        Random random = new Random(20240611L);
        TnefReadOptions[] modes = {
            TnefReadOptions.builder().checksumMode(ChecksumMode.IGNORE).build(),
            TnefReadOptions.builder().checksumMode(ChecksumMode.WARN).memoryThreshold(16).memoryBudget(64).build(),
        };
        int read = 0;
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = full.clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(4)) {
                    case 0:
                        bytes[at] = (byte) random.nextInt(256);
                        break;
                    case 1:
                        bytes[at] ^= 1 << random.nextInt(8);
                        break;
                    case 2:
                        bytes[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                        break;
                    default:
                        bytes = Arrays.copyOf(bytes, Math.max(6, at));
                        break;
                }
            }
            if (attempt(bytes, modes[i % 2]) == Outcome.READ) {
                read++;
            } else {
                refused++;
            }
        }
        assertThat(read + refused).isEqualTo(100_000);
        assertThat(read).isPositive();
        assertThat(refused).isPositive();
    }
}
