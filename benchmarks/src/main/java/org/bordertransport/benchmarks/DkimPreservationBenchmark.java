package org.bordertransport.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.ConversionScope;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What a third-party DKIM signature costs {@code ConvertForRemoteDomain} ({@code thirdPartyDkim=preserve}) per signed
 * message leaving through it: {@code verify} is the check it makes first (James's jDKIM 0.3, the key answered from
 * memory: DNS not counted), {@code mandatory} the conversion limited to mandatory changes that follows (nothing to
 * change here: both scans, then a byte copy), {@code full} what the same message cost before (8-bit text to
 * quoted-printable, HTML turned into text: a plain-text remote domain). An 8-bit UTF-8 HTML message, signed
 * {@code c=relaxed/simple} with an RSA 2048 key made at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class DkimPreservationBenchmark {
    private static final RemoteDomainSettings PLAIN_TEXT = RemoteDomainSettings.builder()
        .contentType(ContentType.MIME_TEXT).build();

    /** Message size in KiB. */
    @Param({"10", "1024"})
    public int kib;

    private byte[] signed;
    private DKIMVerifier verifier;
    private MessageConverter converter;
    private Spool spool;

    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException, IOException, FailException, ConversionException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
        StringBuilder body = new StringBuilder("<html><body>\r\n");
        while (body.length() < kib * 1024) {
            body.append("<p>Gr\u00fc\u00dfe aus K\u00f6ln: the quarterly figures, \u65e5\u672c\u8a9e too.</p>\r\n");
        }
        body.append("</body></html>\r\n");
        byte[] message = ("From: Some Sender <someone@sender.example>\r\nTo: fwd@border.test\r\nSubject: figures\r\n"
            + "Date: Sun, 06 Dec 2026 10:00:00 +0000\r\nMessage-ID: <bench@sender.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body)
            .getBytes(StandardCharsets.UTF_8);
        String field = new DKIMSigner("v=1; s=sel; d=sender.example; h=from:to:subject:date:message-id:"
            + "mime-version:content-type:content-transfer-encoding; a=rsa-sha256; c=relaxed/simple; bh=; b=;",
            key.getPrivate()).sign(new ByteArrayInputStream(message));
        byte[] head = (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
        signed = new byte[head.length + message.length];
        System.arraycopy(head, 0, signed, 0, head.length);
        System.arraycopy(message, 0, signed, head.length, message.length);
        verifier = new DKIMVerifier((method, selector, domain) -> List.of(record));
        converter = MessageConverter.withDefaults();
        spool = new Spool(8 * 1024 * 1024, 64 * 1024 * 1024, "bench");
        spool.write(signed);
        spool.finish();
        if (verify().isEmpty() || mandatory().modified() || !full().modified()) {
            throw new IllegalStateException("the benchmark message does not exercise the paths as intended");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        spool.close();
    }

    @Benchmark
    public List<SignatureRecord> verify() throws IOException, FailException {
        return verifier.verify(new ByteArrayInputStream(signed));
    }

    @Benchmark
    public ConversionResult mandatory() throws IOException, ConversionException {
        return converter.convert(spool, OutputStream.nullOutputStream(), PLAIN_TEXT, ConversionScope.MANDATORY);
    }

    @Benchmark
    public ConversionResult full() throws IOException, ConversionException {
        return converter.convert(spool, OutputStream.nullOutputStream(), PLAIN_TEXT, ConversionScope.FULL);
    }
}
