package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.encoding.TransferEncoder;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.io.MimeOutput;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mime.MimeEntityWriter;
import org.bordertransport.core.mime.MimeNode;

/**
 * A text/plain body with uuencoded TNEF ({@code begin 600 WINMAIL.DAT} ... {@code end}, as Outlook and Exchange send
 * a winmail.dat to recipients without MIME): each TNEF block is decoded ({@link TnefMimeWriter}); the entity becomes a
 * {@code multipart/mixed} of the text without the blocks and the decoded entities (or the text alone when stripping).
 * uuencoded blocks that are not TNEF stay in the text. Each block is read within
 * {@link TnefScope#maxUuBlockOctets()}.
 */
final class UuTextDecoder {
    private final TnefPartDecoder decoder;
    private final TnefRun run;
    private final MimeNode<TnefPart> node;
    private final List<Spool> entities = new ArrayList<>();
    private boolean hasText;

    UuTextDecoder(TnefPartDecoder decoder, MimeNode<TnefPart> node) {
        this.decoder = decoder;
        this.run = decoder.run();
        this.node = node;
    }

    /** Decodes the text (without its transfer encoding) in {@code text} into the replacement of the entity. */
    void decode(InputStream text) throws IOException, TnefConversionException {
        TnefMimeOptions options = decoder.options();
        try (Spool rest = new Spool(options.memoryThreshold(), options.maxMessageOctets(), "text")) {
            int blocks = readBlocks(new TextLines(text), rest);
            rest.finish();
            if (blocks == 0) {
                return;
            }
            Spool replacement = decoder.newSpool(node);
            node.data().replacement = replacement;
            writeReplacement(rest, replacement);
            replacement.finish();
        } catch (Spool.LimitException e) {
            throw new TnefConversionException(e.getMessage());
        } finally {
            for (Spool entity : entities) {
                entity.close();
            }
        }
    }

    private int readBlocks(TextLines lines, OutputStream rest) throws IOException, TnefConversionException {
        byte[] probe = new byte[64];
        int blocks = 0;
        while (lines.next()) {
            Optional<String> name = UuInput.beginName(lines);
            if (name.isEmpty()) {
                copy(lines.octets(), lines.length(), rest);
                continue;
            }
            byte[] begin = Arrays.copyOf(lines.octets(), lines.length());
            if (!lines.next()) {
                copy(begin, begin.length, rest);
                break;
            }
            int n = lines.whole() ? UuInput.decodeLine(lines.octets(), lines.contentLength(), probe) : -1;
            lines.pushBack();
            if (n < TnefSniffer.SIGNATURE.length
                || !Arrays.equals(probe, 0, 4, TnefSniffer.SIGNATURE, 0, 4)) {
                copy(begin, begin.length, rest);
                continue;
            }
            blocks++;
            decodeBlock(new UuInput(lines, run.scope.maxUuBlockOctets()), name.get());
        }
        return blocks;
    }

    private void decodeBlock(UuInput block, String name) throws IOException, TnefConversionException {
        String what = "uuencoded " + name + " in " + node.mimeType();
        if (run.strip) {
            block.drain();
            checkLimit(block, name);
            run.decoded++;
            run.changes.add(node.path() + ": " + what + " removed");
            return;
        }
        Spool entity = decoder.newSpool(node);
        entities.add(entity);
        String summary;
        try {
            summary = decoder.write(block, node, what, entity);
        } catch (TnefConversionException e) {
            checkLimit(block, name);
            throw e;
        }
        block.drain();
        checkLimit(block, name);
        entity.finish();
        run.decoded++;
        run.changes.add(node.path() + ": " + what + " -> " + summary);
    }

    private void checkLimit(UuInput block, String name) throws TnefConversionException {
        if (block.overLimit()) {
            throw new TnefConversionException("uuencoded " + name + " at " + run.scope.prefix() + node.path()
                + " is over the limit of " + run.scope.maxUuBlockOctets() + " octets");
        }
    }

    private void copy(byte[] octets, int length, OutputStream rest) throws IOException {
        for (int i = 0; i < length && !hasText; i++) {
            hasText = octets[i] != ' ' && octets[i] != '\t' && octets[i] != '\r' && octets[i] != '\n';
        }
        rest.write(octets, 0, length);
    }

    /** The text (unless blank or nothing else is left) and the decoded entities, in a multipart/mixed if needed. */
    private void writeReplacement(Spool rest, OutputStream out) throws IOException, TnefConversionException {
        List<MimeEntityWriter.Part<TnefConversionException>> parts = new ArrayList<>();
        if (hasText || entities.isEmpty()) {
            parts.add(o -> writeText(rest, o));
        }
        for (Spool entity : entities) {
            parts.add(entity::copyTo);
        }
        if (parts.size() == 1) {
            parts.get(0).write(out);
            return;
        }
        String boundary = "=_tnef_" + UUID.randomUUID().toString().replace("-", "");
        MimeOutput.writeLine("Content-Type: multipart/mixed;", out);
        MimeOutput.writeLine("\tboundary=\"" + boundary + "\"", out);
        MimeOutput.writeLine("", out);
        MimeEntityWriter.writeParts(boundary, parts, out);
    }

    /** The text without the blocks, with the entity's own content fields, 7bit or quoted-printable. */
    private void writeText(Spool rest, OutputStream out) throws IOException {
        ContentScan scan;
        try (InputStream in = rest.open()) {
            scan = ContentScan.of(in);
        }
        boolean typed = false;
        for (MimeNode.Header h : node.headers()) {
            if (h.isContent() && !h.is("Content-Transfer-Encoding")) {
                MimeEntityWriter.writeField(h, out);
                typed |= h.is("Content-Type");
            }
        }
        if (!typed) {
            MimeOutput.writeLine("Content-Type: text/plain; charset=" + charsetOf(rest, scan), out);
        }
        TransferEncoding encoding = scan.isSevenBitSafe(true) ? TransferEncoding.SEVEN_BIT
            : TransferEncoding.QUOTED_PRINTABLE;
        MimeOutput.writeLine("Content-Transfer-Encoding: " + encoding.token(), out);
        MimeOutput.writeLine("", out);
        try (InputStream in = rest.open(); OutputStream encoder = TransferEncoder.encoder(out, encoding, true)) {
            in.transferTo(encoder);
        }
    }

    /** us-ascii for 7-bit text, utf-8 when it is UTF-8, else the charset of the TNEF's code page. */
    private String charsetOf(Spool rest, ContentScan scan) throws IOException {
        if (!scan.hasEightBit()) {
            return "us-ascii";
        }
        try (InputStream in = rest.open();
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                 .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            char[] chunk = new char[8192];
            while (reader.read(chunk) >= 0) {
                // reading is the check
            }
            return "utf-8";
        } catch (CharacterCodingException e) {
            Charset charset = run.tnefCharset == null ? Charset.forName("windows-1252") : run.tnefCharset;
            return charset.name().toLowerCase(Locale.ROOT);
        }
    }
}
