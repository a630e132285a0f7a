package org.bordertransport.cli.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.bordertransport.core.mail.HeaderField;

/**
 * The header block of an RFC 5322 message read byte for byte, so that it can be written back with only the changed
 * fields altered.
 *
 * <p>Bytes are taken as ISO-8859-1 (one char per byte): 8-bit bytes survive unchanged whatever their charset.
 * Lines end with LF or CRLF; a line starting with a space or a tab continues the field before it; the block ends
 * at the first empty line (which {@link #read} consumes) or at the end of input. The body is not read: after
 * {@link #read} the stream is positioned on its first byte.</p>
 */
public final class RawHeader {
    /** Largest header block accepted: a file that is not a message must not be read whole into memory. */
    public static final int MAX_OCTETS = 4 * 1024 * 1024;

    private final List<RawField> entries;
    private final List<HeaderField> fields;
    private final String separator;
    private final String lineEnd;

    private RawHeader(List<RawField> entries, String separator) {
        this.entries = Collections.unmodifiableList(entries);
        List<HeaderField> parsed = new ArrayList<>();
        String firstLineEnd = null;
        for (RawField entry : entries) {
            entry.field().ifPresent(parsed::add);
            if (firstLineEnd == null && !entry.terminator().isEmpty()) {
                firstLineEnd = entry.terminator();
            }
        }
        this.fields = Collections.unmodifiableList(parsed);
        this.separator = separator;
        this.lineEnd = firstLineEnd != null ? firstLineEnd : separator.isEmpty() ? "\r\n" : separator;
    }

    /**
     * Reads the header block and the empty line after it, one byte at a time: give a buffered stream.
     *
     * @throws IOException when reading fails or the block is longer than {@link #MAX_OCTETS}
     */
    public static RawHeader read(InputStream in) throws IOException {
        List<RawField> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        long total = 0;
        while (true) {
            line.reset();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
                if (++total > MAX_OCTETS) {
                    throw new IOException("header block longer than " + MAX_OCTETS + " bytes: not a message?");
                }
            }
            if (line.size() == 0) {
                flush(current, entries);
                return new RawHeader(entries, "");
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            if (text.equals("\n") || text.equals("\r\n")) {
                flush(current, entries);
                return new RawHeader(entries, text);
            }
            char first = text.charAt(0);
            if ((first != ' ' && first != '\t') || current.length() == 0) {
                flush(current, entries);
            }
            current.append(text);
            if (b < 0) {
                flush(current, entries);
                return new RawHeader(entries, "");
            }
        }
    }

    private static void flush(StringBuilder current, List<RawField> entries) {
        if (current.length() > 0) {
            entries.add(RawField.of(current.toString()));
            current.setLength(0);
        }
    }

    /** Every line group as read, fields and opaque lines, in order. */
    public List<RawField> entries() {
        return entries;
    }

    /** The parseable fields, in order: what the core engines take. */
    public List<HeaderField> fields() {
        return fields;
    }

    /** All values of the fields named {@code name} (case-insensitive), raw. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (HeaderField field : fields) {
            if (field.hasName(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    /** The empty line that ended the block ({@code "\r\n"} or {@code "\n"}), or empty when the input ended first. */
    public String separator() {
        return separator;
    }

    /** The line end used for new folding: that of the first line of the block (CRLF when there is none). */
    public String lineEnd() {
        return lineEnd;
    }

    /** Writes the block back unchanged, separator included. */
    public void writeTo(OutputStream out) throws IOException {
        writeTo(out, fields);
    }

    /**
     * Writes the block with new field values: {@code updated} holds one field per {@link #fields()} entry, in the
     * same order (what the core rewriter returns). A field equal to the one read is written back byte for byte; a
     * changed one is written with its original name and the new value, folded with {@link #lineEnd()}.
     *
     * @throws IllegalArgumentException when {@code updated} does not match the fields read
     */
    public void writeTo(OutputStream out, List<HeaderField> updated) throws IOException {
        if (updated.size() != fields.size()) {
            throw new IllegalArgumentException("expected " + fields.size() + " header fields, got " + updated.size());
        }
        int index = 0;
        StringBuilder text = new StringBuilder();
        for (RawField entry : entries) {
            Optional<HeaderField> original = entry.field();
            if (original.isEmpty()) {
                text.append(entry.raw());
                continue;
            }
            HeaderField replacement = updated.get(index++);
            if (!replacement.hasName(original.get().name())) {
                throw new IllegalArgumentException("field " + index + " was " + original.get().name() + ", got "
                    + replacement.name());
            }
            if (replacement.value().equals(original.get().value())) {
                text.append(entry.raw());
            } else {
                text.append(entry.withValue(replacement.value(), lineEnd));
            }
        }
        text.append(separator);
        out.write(bytes(text));
    }

    /**
     * One byte per char for what was read; a char above U+00FF can only come from a new value (an ID decrypted by
     * the core) and is written in UTF-8 (RFC 6532) rather than lost.
     */
    static byte[] bytes(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0xff) {
                out.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                byte[] utf8 = text.subSequence(i, end).toString().getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i = end - 1;
            }
        }
        return out.toByteArray();
    }
}
