package org.bordertransport.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.ConversionScope;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What {@code ConvertForRemoteDomain}'s engine costs per message when it has text to convert, on the end-to-end
 * benchmark's {@code html-text} message (2 KB of HTML-only 8-bit UTF-8, German text and a euro sign), spooled as the
 * mailet spools it: {@code htmlToText} for a domain that takes plain text ({@code MimeText}: rendered as text,
 * encoded, written), {@code eightBitHtml} for the default domain (the 8-bit body re-encoded, the HTML kept).
 * Microseconds per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class TextConversionBenchmark {
    private byte[] message;
    private MessageConverter converter;
    private RemoteDomainSettings plainText;
    private RemoteDomainSettings defaults;

    @Setup
    public void setUp() throws IOException, ConversionException {
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body>\r\n");
        for (int i = 0; i < 20; i++) {
            html.append("<p>Grüße aus Köln, Absatz ").append(i)
                .append(": <b>Bestellung</b> für <i>nächste Woche</i> bestätigt, Preis 12,50 €.</p>\r\n");
        }
        html.append("</body></html>\r\n");
        message = ("From: Alice <alice@border.test>\r\nTo: Partner <orders@plaintext.example.net>\r\n"
            + "Subject: Bestellung\r\nDate: Mon, 7 Dec 2026 09:00:00 +0000\r\nMessage-ID: <html.1@border.test>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + html).getBytes(StandardCharsets.UTF_8);
        converter = MessageConverter.withDefaults();
        plainText = RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT).characterSet(Optional.empty())
            .build();
        defaults = RemoteDomainSettings.defaults();
        if (!htmlToText().modified() || !eightBitHtml().modified()) {
            throw new IllegalStateException("the message does not exercise the conversion as intended");
        }
    }

    @Benchmark
    public ConversionResult htmlToText() throws IOException, ConversionException {
        return convert(plainText);
    }

    @Benchmark
    public ConversionResult eightBitHtml() throws IOException, ConversionException {
        return convert(defaults);
    }

    private ConversionResult convert(RemoteDomainSettings settings) throws IOException, ConversionException {
        try (Spool spool = new Spool(4 * 1024 * 1024, Long.MAX_VALUE, "message")) {
            spool.write(message);
            spool.finish();
            return converter.convertIfChanged(spool, OutputStream.nullOutputStream(), settings, ConversionScope.FULL);
        }
    }
}
