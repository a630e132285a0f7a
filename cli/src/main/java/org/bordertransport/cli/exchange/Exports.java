package org.bordertransport.cli.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads one PowerShell export, {@code Export-Clixml} or {@code Export-Csv}, told apart by its content: CLIXML starts
 * with {@code <} (after a byte order mark), CSV with {@code #TYPE}, a quote or a header name. UTF-8 and UTF-16 (with a
 * byte order mark, as Windows PowerShell writes it) are read; CSV without a byte order mark must be UTF-8 (ASCII is).
 *
 * <p>Fixed limits, for both formats: {@value #MAX_BYTES} bytes per file, {@value #MAX_OBJECTS} objects,
 * {@value #MAX_PROPERTIES} properties per object, {@value #MAX_VALUE_CHARS} characters per value, and for CLIXML
 * {@value #MAX_DEPTH} levels of element nesting.</p>
 */
final class Exports {
    static final int MAX_BYTES = 64 * 1024 * 1024;
    static final int MAX_OBJECTS = 10_000;
    static final int MAX_PROPERTIES = 1_000;
    static final int MAX_VALUE_CHARS = 1024 * 1024;
    static final int MAX_DEPTH = 32;

    /** The two formats. */
    enum Format {
        CLIXML,
        CSV
    }

    /** The objects of an export and its format. */
    static final class Export {
        private final Format format;
        private final List<PsObject> objects;

        Export(Format format, List<PsObject> objects) {
            this.format = format;
            this.objects = List.copyOf(objects);
        }

        Format format() {
            return format;
        }

        List<PsObject> objects() {
            return objects;
        }
    }

    private Exports() {
    }

    /**
     * @param name how messages name the file
     * @throws ExportException when the content is neither format, is broken, or is beyond a limit
     * @throws IOException when the stream fails
     */
    static Export read(InputStream in, String name) throws ExportException, IOException {
        byte[] bytes = readLimited(in, name);
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (bytes.length >= 2 && bytes[1] == 0 && bytes[0] != 0) {
            charset = StandardCharsets.UTF_16LE;
        } else if (bytes.length >= 2 && bytes[0] == 0 && bytes[1] != 0) {
            charset = StandardCharsets.UTF_16BE;
        }
        String text = decode(bytes, skip, charset, name);
        int first = 0;
        while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            throw new ExportException(ExportException.Code.NOT_EXPORT, name + ": empty: expected what Export-Clixml "
                + "or Export-Csv writes");
        }
        char c = text.charAt(first);
        if (c == '<') {
            return new Export(Format.CLIXML, CliXmlReader.read(text.substring(first), name));
        }
        if (c == '#' || c == '"' || Character.isLetter(c) || c == '_') {
            return new Export(Format.CSV, ExportCsvReader.read(text.substring(first), name));
        }
        throw new ExportException(ExportException.Code.NOT_EXPORT, name + ": neither CLIXML (Export-Clixml) nor CSV "
            + "(Export-Csv): starts with '" + printable(c) + "'");
    }

    private static String decode(byte[] bytes, int skip, Charset charset, String name) throws ExportException {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new ExportException(ExportException.Code.NOT_EXPORT, name + ": not " + charset.name() + " text ("
                + e.getMessage() + "): export with -Encoding UTF8");
        }
    }

    private static byte[] readLimited(InputStream in, String name) throws ExportException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + (long) n > MAX_BYTES) {
                throw new ExportException(ExportException.Code.LIMIT, name + ": larger than " + MAX_BYTES
                    + " bytes, the limit for an export");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    /** Fails when one more object would pass {@link #MAX_OBJECTS}. */
    static void checkObjectCount(int objects, String name) throws ExportException {
        if (objects >= MAX_OBJECTS) {
            throw new ExportException(ExportException.Code.LIMIT, name + ": more than " + MAX_OBJECTS
                + " objects, the limit for an export");
        }
    }

    /** Fails when one more property would pass {@link #MAX_PROPERTIES}. */
    static void checkPropertyCount(int properties, String name, int object) throws ExportException {
        if (properties >= MAX_PROPERTIES) {
            throw new ExportException(ExportException.Code.LIMIT, name + ": object " + object + " has more than "
                + MAX_PROPERTIES + " properties, the limit for an export");
        }
    }

    /** Fails when a value is longer than {@link #MAX_VALUE_CHARS}. */
    static void checkValueLength(int length, String name, String where) throws ExportException {
        if (length > MAX_VALUE_CHARS) {
            throw new ExportException(ExportException.Code.LIMIT, name + ": " + where + ": a value longer than "
                + MAX_VALUE_CHARS + " characters, the limit for an export");
        }
    }
}
