package org.bordertransport.demo.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's mixes, in the order they run. {@code bounce} must follow {@code forward}: its bounces go to the
 * envelope sender the forwarded copies reached the sink with (an SRS address with Border Transport, the original
 * sender on stock James, where a bounce is simply relayed back to it).
 */
final class Mixes {
    static final List<String> NAMES = List.of("plain", "outlook", "html-text", "tnef", "forward", "bounce", "blend");

    private final String tnef;
    private final int sessions;
    private String bounceTo;

    Mixes(Path repo, int sessions) throws IOException {
        this.tnef = BenchMessages.tnef(repo);
        this.sessions = sessions;
    }

    /** Where the bounce mix sends its bounces (known once the forward mix has run). */
    String bounceTo() {
        return bounceTo;
    }

    List<MixRunner.Stream> streams(String mix, int messages, Arrivals arrivals) {
        switch (mix) {
            case "plain":
                return List.of(plain(messages, sessions));
            case "outlook":
                return List.of(outlook(messages, sessions));
            case "html-text":
                return List.of(html(messages, sessions));
            case "tnef":
                return List.of(tnef(messages, sessions));
            case "forward":
                return List.of(forward(messages, sessions));
            case "bounce":
                // the envelope sender of the forwarded copies, learnt once: the warm-up runs the forward mix right
                // before this one; later batches (interleaved runs, --mixes) may follow any other mix
                if (bounceTo == null || bounceTo.isEmpty()) {
                    bounceTo = arrivals.lastMailFrom();
                }
                return List.of(bounce(messages, sessions));
            case "blend":
                // three of four messages need Border work, as in the mail of an Exchange organisation
                int s = Math.max(sessions / 8, 1);
                return List.of(outlook(messages * 30 / 100, 2 * s), plain(messages * 25 / 100, 2 * s),
                    html(messages * 15 / 100, s), tnef(messages * 10 / 100, s), forward(messages * 10 / 100, s),
                    bounce(messages - messages * 90 / 100, s));
            default:
                throw new IllegalArgumentException("no mix " + mix);
        }
    }

    private static MixRunner.Stream plain(int messages, int sessions) {
        return new MixRunner.Stream("plain", BenchMessages.plain(), BenchMessages.SENDER, "bob@example.com",
            messages, sessions);
    }

    private static MixRunner.Stream outlook(int messages, int sessions) {
        return new MixRunner.Stream("outlook", BenchMessages.outlookWithoutMessageId(), BenchMessages.SENDER,
            "bob@example.com", messages, sessions);
    }

    private static MixRunner.Stream html(int messages, int sessions) {
        return new MixRunner.Stream("html-text", BenchMessages.htmlOnlyEightBit(), BenchMessages.SENDER,
            "orders@plaintext.example.net", messages, sessions);
    }

    private MixRunner.Stream tnef(int messages, int sessions) {
        return new MixRunner.Stream("tnef", tnef, BenchMessages.SENDER, "p@notnef.example.com", messages, sessions);
    }

    private static MixRunner.Stream forward(int messages, int sessions) {
        return new MixRunner.Stream("forward", BenchMessages.toForwarder(), BenchMessages.OUTSIDE_SENDER,
            BenchMessages.FORWARDER, messages, sessions);
    }

    private MixRunner.Stream bounce(int messages, int sessions) {
        if (bounceTo == null || bounceTo.isEmpty()) {
            throw new IllegalStateException("the bounce mix runs after the forward mix");
        }
        return new MixRunner.Stream("bounce", BenchMessages.bounce(bounceTo), "", bounceTo, messages, sessions);
    }
}
