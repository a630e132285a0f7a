package org.bordertransport.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code ConvertForRemoteDomain}'s engine on one thread: messages of {@value #MB} MB per second; multiply by
 * {@value #MB} for MB/s of input. Cases:
 * <ul>
 *   <li>{@code binary}: an 8-bit text body and a {@code Content-Transfer-Encoding: binary} attachment, both
 *   re-encoded (quoted-printable, base64): the re-encode path, target ≥ 200 MB/s;</li>
 *   <li>{@code eightbit}: a large 8-bit UTF-8 text body re-encoded to quoted-printable;</li>
 *   <li>{@code clean}: a message already 7-bit clean (base64 attachment), copied after both scans: the common
 *   case;</li>
 *   <li>{@code html}: an HTML-only message in 8-bit UTF-8 to a domain that takes plain text ({@code MimeText}):
 *   parsed, rendered as text, encoded and written.</li>
 * </ul>
 * The message is read from memory and written to a null stream: parsing, scanning, spooling and encoding are
 * measured, not I/O.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MessageConverterBenchmark {
    static final int MB = 16;

    @Param({"binary", "eightbit", "clean", "html"})
    public String kind;

    private byte[] message;
    private MessageConverter converter;
    private RemoteDomainSettings settings;

    @Setup
    public void setUp() throws IOException, ConversionException {
        Random random = new Random(42);
        int size = MB * 1024 * 1024;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + size / 2);
        String head = "From: Alice <alice@border.test>\r\nTo: bob@partner.example\r\nSubject: benchmark\r\n"
            + "Message-ID: <bench@border.test>\r\nMIME-Version: 1.0\r\n";
        switch (kind) {
            case "binary": {
                byte[] attachment = new byte[size - 4096];
                random.nextBytes(attachment);
                out.write((head + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + "Grüße aus Köln — the report is attached.\r\n".repeat(40)
                    + "--b\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
                    + "Content-Transfer-Encoding: binary\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(attachment);
                out.write("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
                break;
            }
            case "eightbit": {
                out.write((head + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
                byte[] line = "Grüße aus Köln, Ångström, naïve café — 日本語のテキスト and plain ASCII words.\r\n"
                    .getBytes(StandardCharsets.UTF_8);
                while (out.size() < size) {
                    out.write(line);
                }
                break;
            }
            case "html": {
                out.write((head + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + "<html><head><meta charset=\"utf-8\"></head><body>\n").getBytes(StandardCharsets.UTF_8));
                byte[] paragraph = ("<p>Grüße aus Köln: <b>Bestellung</b> für <i>nächste Woche</i> bestätigt, Preis"
                    + " 12,50 €.</p>\n").getBytes(StandardCharsets.UTF_8);
                while (out.size() < size) {
                    out.write(paragraph);
                }
                out.write("</body></html>\n".getBytes(StandardCharsets.UTF_8));
                break;
            }
            case "clean": {
                byte[] attachment = new byte[(size - 4096) / 4 * 3];
                random.nextBytes(attachment);
                out.write((head + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                    + "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe report is attached.\r\n"
                    + "--b\r\nContent-Type: application/pdf; name=\"r.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b--\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                break;
            }
            default:
                throw new IllegalArgumentException("kind " + kind);
        }
        message = out.toByteArray();
        // the size of this benchmark's unit of work is fixed by MB, whatever the case
        if (Math.abs(message.length - size) > size / 20) {
            throw new IllegalStateException("message of " + message.length + " octets, expected about " + size);
        }
        converter = MessageConverter.withDefaults();
        settings = RemoteDomainSettings.builder()
            .byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.UNDEFINED)
            .contentType(kind.equals("html") ? ContentType.MIME_TEXT : ContentType.MIME_HTML_TEXT)
            .characterSet(Optional.empty()).build();
        ConversionResult check = convert();
        if (check.modified() == kind.equals("clean")) {
            throw new IllegalStateException(kind + ": modified=" + check.modified());
        }
    }

    @Benchmark
    public ConversionResult convert() throws IOException, ConversionException {
        return converter.convert(new ByteArrayInputStream(message), OutputStream.nullOutputStream(), settings);
    }
}
