package org.bordertransport.core.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bordertransport.core.fuzzing.FuzzSupport;
import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the Message-ID parsers: {@link MessageIdSyntax} (the header check), {@link MsgIdList} (the lenient msg-id
 * list reader), and {@link MessageIdRewriter} both ways over {@code Message-ID}, {@code In-Reply-To} and
 * {@code References} holding the input. No exception is allowed (none is documented). And the public form must
 * round-trip: every ID found, made public, comes back from {@link PublicMessageIds#toInternal} unchanged unless it
 * took the one-way form.
 *
 * <p>Input: UTF-8 text (malformed sequences replaced), the raw header value. Seeds:
 * {@code MessageIdFuzzTestInputs/parse/}.</p>
 */
class MessageIdFuzzTest {
    private static final PublicMessageIds CODEC = new PublicMessageIds(MessageIdKeys.parse(TestKeys.key("k1", 1)),
        "border.test");
    private static final MessageIdRewriter REWRITER = new MessageIdRewriter(CODEC,
        InternalHosts.of(".local,.internal,.lan,.corp.local", "corp.example.com", true));
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @FuzzTest
    @Timeout(value = FuzzSupport.PER_INPUT_TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
    void parse(byte[] input) {
        INVOCATIONS.incrementAndGet();
        if (!FuzzSupport.fits(input)) {
            return;
        }
        String value = new String(input, StandardCharsets.UTF_8);
        assertThat(MessageIdSyntax.check(value)).isNotNull();
        List<MsgIdList.Token> tokens = MsgIdList.parse(value);
        MsgIdList.render(tokens);
        for (MsgIdList.Token token : tokens) {
            if (token.id) {
                String pub = CODEC.toPublic(token.text);
                assertThat(CODEC.looksPublic(pub)).as("public form of %s", token.text).isTrue();
                if (!PublicMessageIds.isOneWay(pub)) {
                    assertThat(CODEC.toInternal(pub)).as("round trip of %s", token.text).isEqualTo(Optional.of(token.text));
                }
                CODEC.toInternal(token.text);
            }
        }
        List<HeaderField> headers = List.of(new HeaderField("Message-ID", value), new HeaderField("In-Reply-To", value),
            new HeaderField("References", value), new HeaderField("X-Copy", value));
        MessageIdRewriter.Outcome outbound = REWRITER.toPublic(headers);
        MessageIdRewriter.Outcome inbound = REWRITER.toInternal(outbound.headers());
        assertThat(inbound.headers()).hasSameSizeAs(headers);
        REWRITER.toInternal(headers);
    }

    @AfterAll
    static void everySeedWasReplayed() {
        FuzzSupport.checkReplayed(MessageIdFuzzTest.class, "parse", INVOCATIONS.get());
    }
}
