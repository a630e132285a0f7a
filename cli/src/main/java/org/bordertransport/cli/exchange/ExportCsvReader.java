package org.bordertransport.cli.exchange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code Export-Csv} output: an optional {@code #TYPE type.name} line (Windows PowerShell writes it unless
 * {@code -NoTypeInformation}), a header line with the property names, then one line per object. Fields are
 * separated by the character after the first header field ({@code ,} by default; {@code ;} or a tab with
 * {@code -Delimiter} or {@code -UseCulture}), quoted with {@code "} (a quote inside doubled), and a quoted field may
 * span lines. An empty field is {@code $null} (Export-Csv writes {@code $null} and an empty string alike). Every line
 * must have as many fields as the header. Limits: see {@link Exports}.
 */
final class ExportCsvReader {
    private static final String TYPE_LINE = "#TYPE ";

    private final String text;
    private final String name;
    private int pos;
    private int line = 1;
    private char delimiter = ',';

    private ExportCsvReader(String text, String name) {
        this.text = text;
        this.name = name;
    }

    /** @throws ExportException MALFORMED, LIMIT */
    static List<PsObject> read(String text, String name) throws ExportException {
        return new ExportCsvReader(text, name).readAll();
    }

    private List<PsObject> readAll() throws ExportException {
        List<String> types = new ArrayList<>();
        if (text.startsWith("#")) {
            int end = lineEnd(pos);
            String first = text.substring(pos, end).trim();
            if (!first.startsWith(TYPE_LINE.trim())) {
                throw malformed("a first line starting with '#' must be '#TYPE type.name', found '" + shorten(first)
                    + "'");
            }
            String type = first.substring(TYPE_LINE.trim().length()).trim();
            if (!type.isEmpty()) {
                types.add(type);
            }
            skipLineEnd(end);
        }
        int headerLine = line;
        delimiter = detectDelimiter();
        List<String> header = readRecord();
        if (header == null || header.size() == 1 && header.get(0) == null) {
            throw malformed("no header line with the property names");
        }
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (column == null) {
                throw new ExportException(ExportException.Code.MALFORMED, name + ": line " + headerLine
                    + ": an empty property name in the header");
            }
            if (!seen.add(column)) {
                throw new ExportException(ExportException.Code.MALFORMED, name + ": line " + headerLine
                    + ": property '" + column + "' is twice in the header");
            }
        }
        if (header.size() > Exports.MAX_PROPERTIES) {
            throw new ExportException(ExportException.Code.LIMIT, name + ": more than " + Exports.MAX_PROPERTIES
                + " properties in the header, the limit for an export");
        }
        List<PsObject> objects = new ArrayList<>();
        while (pos < text.length()) {
            int recordLine = line;
            List<String> record = readRecord();
            if (record.size() == 1 && record.get(0) == null && header.size() > 1) {
                continue; // a blank line
            }
            if (record.size() != header.size()) {
                throw new ExportException(ExportException.Code.MALFORMED, name + ": line " + recordLine + ": "
                    + record.size() + " fields, the header has " + header.size());
            }
            Exports.checkObjectCount(objects.size(), name);
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                properties.put(header.get(i), record.get(i));
            }
            objects.add(new PsObject(objects.size() + 1, types, properties));
        }
        return objects;
    }

    /** The character after the first header field, when it is a usual delimiter; else a comma. */
    private char detectDelimiter() {
        int i = pos;
        if (i < text.length() && text.charAt(i) == '"') {
            i++;
            while (i < text.length()) {
                if (text.charAt(i) == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                i++;
            }
        } else {
            while (i < text.length() && ",;\t|\r\n".indexOf(text.charAt(i)) < 0) {
                i++;
            }
        }
        if (i < text.length() && ",;\t|".indexOf(text.charAt(i)) >= 0) {
            return text.charAt(i);
        }
        return ',';
    }

    /** One record up to its line end; fields as text, empty ones null. */
    private List<String> readRecord() throws ExportException {
        List<String> fields = new ArrayList<>();
        while (true) {
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            if (pos < text.length() && text.charAt(pos) == '"') {
                quoted = true;
                int start = line;
                pos++;
                while (true) {
                    if (pos >= text.length()) {
                        throw new ExportException(ExportException.Code.MALFORMED, name + ": line " + start
                            + ": a quoted field is not closed");
                    }
                    char c = text.charAt(pos);
                    if (c == '"') {
                        if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                            field.append('"');
                            pos += 2;
                            continue;
                        }
                        pos++;
                        break;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                    pos++;
                    Exports.checkValueLength(field.length(), name, "line " + start);
                }
            } else {
                while (pos < text.length() && text.charAt(pos) != delimiter && text.charAt(pos) != '\r'
                    && text.charAt(pos) != '\n') {
                    field.append(text.charAt(pos));
                    pos++;
                    Exports.checkValueLength(field.length(), name, "line " + line);
                }
            }
            if (fields.size() == Exports.MAX_PROPERTIES) {
                throw new ExportException(ExportException.Code.LIMIT, name + ": line " + line + ": more than "
                    + Exports.MAX_PROPERTIES + " fields, the limit for an export");
            }
            fields.add(field.length() == 0 ? null : field.toString());
            if (pos >= text.length()) {
                return fields;
            }
            char c = text.charAt(pos);
            if (c == delimiter) {
                pos++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                skipLineEnd(pos);
                return fields;
            }
            if (quoted) {
                throw malformed("'" + Exports.printable(c) + "' after the closing quote of a field: expected '"
                    + Exports.printable(delimiter) + "' or the end of the line");
            }
        }
    }

    private int lineEnd(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
            i++;
        }
        return i;
    }

    private void skipLineEnd(int at) {
        pos = at;
        if (pos < text.length() && text.charAt(pos) == '\r') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
        }
        line++;
    }

    private ExportException malformed(String what) {
        return new ExportException(ExportException.Code.MALFORMED, name + ": malformed CSV at line " + line + ": "
            + what);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
