package org.bordertransport.benchmarks;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.messageid.MessageIdKeys;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.core.messageid.MessageIdRewriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The Message-ID rewrite of one typical reply's header (Message-ID, In-Reply-To and References with 3 IDs, among
 * the usual other fields), per second from one thread: what {@code ReplaceInternalMessageId} (outbound) and
 * {@code RestoreInternalMessageId} (inbound) cost per mail, header parsing excluded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MessageIdRewriterBenchmark {
    private MessageIdRewriter rewriter;
    /** A reply leaving the organisation: 3 distinct internal IDs (one of them twice) and one external. */
    private List<HeaderField> internalHeader;
    /** The same reply as it comes back from outside, with our public IDs. */
    private List<HeaderField> publicHeader;
    /** A message with no internal ID at all: the common case for mail already public. */
    private List<HeaderField> externalHeader;

    @Setup
    public void setUp() {
        String keys = MessageIdKeys.generate("k1", new SecureRandom());
        rewriter = MessageIdPrivacySettings.from(Map.of("keys", keys, "publicDomain", "border.test"),
            MessageIdPrivacySettings.REPLACE_PARAMETERS, Optional.empty()).rewriter();
        internalHeader = header("<20240603100000.4711.a1b2c3@exch01.corp.local>", "<20240602.0815.ffee@exch02.corp.local>",
            "<CAFxyz123abc=def@mail.gmail.com>\r\n <20240601.0001.aa@exch01.corp.local>\r\n <20240602.0815.ffee@exch02.corp.local>");
        externalHeader = header("<CAFabc.1@mail.gmail.com>", "<5f1e2d3c@example.com>",
            "<a1@lists.example.net>\r\n <5f1e2d3c@example.com>\r\n <b2@example.org>");
        MessageIdRewriter.Outcome outbound = rewriter.toPublic(internalHeader);
        if (outbound.rewritten() != 3 || rewriter.toInternal(outbound.headers()).rewritten() != 3
            || rewriter.toPublic(externalHeader).changed()) {
            throw new IllegalStateException("the benchmark header does not exercise the rewriter as intended");
        }
        publicHeader = outbound.headers();
    }

    private static List<HeaderField> header(String messageId, String inReplyTo, String references) {
        List<HeaderField> fields = new ArrayList<>();
        fields.add(new HeaderField("Received", " from exch01.corp.local (10.1.2.3) by mx.border.test\r\n with ESMTPS; Mon, 3 Jun 2024 10:00:01 +0200"));
        fields.add(new HeaderField("Received", " from [10.1.9.9] by exch01.corp.local; Mon, 3 Jun 2024 10:00:00 +0200"));
        fields.add(new HeaderField("From", " Alice Example <alice@border.test>"));
        fields.add(new HeaderField("To", " Bob <bob@example.com>"));
        fields.add(new HeaderField("Subject", " Re: quarterly figures"));
        fields.add(new HeaderField("Date", " Mon, 3 Jun 2024 10:00:00 +0200"));
        fields.add(new HeaderField("Message-ID", " " + messageId));
        fields.add(new HeaderField("In-Reply-To", " " + inReplyTo));
        fields.add(new HeaderField("References", " " + references));
        fields.add(new HeaderField("MIME-Version", " 1.0"));
        fields.add(new HeaderField("Content-Type", " text/plain; charset=utf-8"));
        return fields;
    }

    @Benchmark
    public MessageIdRewriter.Outcome toPublic() {
        return rewriter.toPublic(internalHeader);
    }

    @Benchmark
    public MessageIdRewriter.Outcome toInternal() {
        return rewriter.toInternal(publicHeader);
    }

    @Benchmark
    public MessageIdRewriter.Outcome toPublicNothingInternal() {
        return rewriter.toPublic(externalHeader);
    }
}
