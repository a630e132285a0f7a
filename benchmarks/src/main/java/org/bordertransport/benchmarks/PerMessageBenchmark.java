package org.bordertransport.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.ConversionScope;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.firewall.HeaderFirewall;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.bordertransport.core.tnefmime.TnefMimeConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the engines cost per message for mail that needs nothing from them, the most common mail: the end-to-end
 * benchmark's plain message (2 KB of 7-bit text, with the Received line James adds) as each relay mailet reads it.
 * {@code conversionCheck}: {@code ConvertForRemoteDomain} finding nothing to convert (default settings, spooled
 * first as the mailet does); {@code tnefCheck}: {@code HasTnef}; {@code repairCheck}: {@code RepairMimeParameters}'s
 * one pass; {@code firewall}: {@code RemoveInternalHeaders} judging the header. Microseconds per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class PerMessageBenchmark {
    private byte[] message;
    private List<HeaderField> header;
    private MessageConverter converter;
    private TnefMimeConverter tnef;
    private HeaderFirewall firewall;

    @Setup
    public void setUp() throws IOException, ConversionException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            text.append("Line ").append(i).append(" of the weekly report: all figures are in the attached sheet, as"
                + " agreed.\r\n");
        }
        String head = "Return-Path: <alice@border.test>\r\n"
            + "Received: from localhost (localhost [127.0.0.1])\r\n          by mx.border.test (JAMES SMTP Server )"
            + " with ESMTPA ID 1427934611\r\n          for <bob@example.com>;\r\n          Mon, 7 Dec 2026 09:00:00"
            + " +0000 (UTC)\r\n"
            + "From: Alice <alice@border.test>\r\nTo: Bob <bob@example.com>\r\nSubject: weekly report\r\n"
            + "Date: Mon, 7 Dec 2026 09:00:00 +0000\r\nMessage-ID: <plain.1@border.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n";
        message = (head + "\r\n" + text).getBytes(StandardCharsets.US_ASCII);
        header = new ArrayList<>();
        header.add(new HeaderField("Return-Path", " <alice@border.test>"));
        header.add(new HeaderField("Received", " from localhost (localhost [127.0.0.1])\r\n          by mx.border.test"
            + " (JAMES SMTP Server ) with ESMTPA ID 1427934611\r\n          for <bob@example.com>;\r\n          Mon, 7"
            + " Dec 2026 09:00:00 +0000 (UTC)"));
        header.add(new HeaderField("From", " Alice <alice@border.test>"));
        header.add(new HeaderField("To", " Bob <bob@example.com>"));
        header.add(new HeaderField("Subject", " weekly report"));
        header.add(new HeaderField("Date", " Mon, 7 Dec 2026 09:00:00 +0000"));
        header.add(new HeaderField("Message-ID", " <plain.1@border.test>"));
        header.add(new HeaderField("MIME-Version", " 1.0"));
        header.add(new HeaderField("Content-Type", " text/plain; charset=us-ascii"));
        converter = MessageConverter.withDefaults();
        tnef = TnefMimeConverter.withDefaults();
        firewall = HeaderFirewall.from(Map.of("received", "reduce", "internalSuffixes", ".local,.internal,.lan"));
        if (conversionCheck().modified() || tnefCheck() || repairCheck() || !firewall().changed()) {
            throw new IllegalStateException("the message does not exercise the checks as intended");
        }
    }

    @Benchmark
    public ConversionResult conversionCheck() throws IOException, ConversionException {
        try (Spool spool = new Spool(4 * 1024 * 1024, Long.MAX_VALUE, "message")) {
            spool.write(message);
            spool.finish();
            return converter.convertIfChanged(spool, OutputStream.nullOutputStream(), RemoteDomainSettings.defaults(),
                ConversionScope.FULL);
        }
    }

    @Benchmark
    public boolean tnefCheck() throws IOException {
        return tnef.carriesTnef(new ByteArrayInputStream(message));
    }

    @Benchmark
    public boolean repairCheck() throws IOException {
        return converter.needsRepair(new ByteArrayInputStream(message));
    }

    @Benchmark
    public HeaderFirewall.Outcome firewall() {
        return firewall.apply(header);
    }
}
