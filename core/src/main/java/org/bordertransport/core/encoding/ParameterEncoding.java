package org.bordertransport.core.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.bordertransport.core.mail.HeaderText;

/**
 * MIME header parameters ({@code filename}, {@code name}) with non-ASCII values: RFC 2231 encoding
 * ({@code filename*=utf-8''...}, continued as {@code filename*0*=}, {@code filename*1*=} ... when long), the RFC 2047
 * form in a quoted string that legacy clients read ({@code name="=?UTF-8?B?...?="}), and tolerant parsing of both.
 *
 * <p>Each parameter produced is at most {@value #MAX_PARAMETER_CHARS} characters, so that written as
 * {@code ;} CRLF TAB parameter, or folded by {@link LineLimit#fold}, a line stays within 78 octets. Continuation
 * sections end on character boundaries (some clients decode each section on its own).</p>
 */
public final class ParameterEncoding {
    /** Longest parameter value the encoders accept, in characters. */
    public static final int MAX_VALUE_CHARS = 4096;
    /** Longest header value {@link #parse} accepts, in characters. */
    public static final int MAX_HEADER_CHARS = 65_536;
    /** Most RFC 2231 sections {@link #parse} joins for one parameter. */
    public static final int MAX_SECTIONS = 256;
    /** Longest single {@code name=value} piece produced. */
    public static final int MAX_PARAMETER_CHARS = 76;

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ParameterEncoding() {
    }

    /**
     * Encodes a parameter. Printable ASCII gives {@code name=token} or {@code name="quoted"} (continued as
     * {@code name*0="..."; name*1="..."} beyond {@value #MAX_PARAMETER_CHARS} characters); anything else gives
     * {@code name*=charset''%XX...}, continued as {@code name*0*=charset''...; name*1*=...} when long.
     *
     * @return the pieces, to be joined with {@code "; "}
     * @throws IllegalArgumentException {@code name} is not an RFC 2045 token without {@code *} and {@code '}
     * @throws EncodingException a character the charset cannot represent, a value over {@value #MAX_VALUE_CHARS}
     *     characters
     */
    public static List<String> rfc2231(String name, String value, Charset charset) throws EncodingException {
        checkName(name);
        checkValue(value);
        if (isPrintableAscii(value)) {
            return asciiPieces(name, value);
        }
        String charsetName = charset.name().toLowerCase(Locale.ROOT);
        String single = name + "*=" + charsetName + "''" + percent(EncodedWords.bytes(value, charset));
        if (single.length() <= MAX_PARAMETER_CHARS) {
            return List.of(single);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < value.length()) {
            String head = name + "*" + pieces.size() + "*=" + (pieces.isEmpty() ? charsetName + "''" : "");
            String best = null;
            int end = start;
            while (end < value.length()) {
                int next = value.offsetByCodePoints(end, 1);
                String candidate = percent(EncodedWords.bytes(value.substring(start, next), charset));
                if (head.length() + candidate.length() > MAX_PARAMETER_CHARS) {
                    break;
                }
                best = candidate;
                end = next;
            }
            if (best == null) {
                throw new EncodingException("parameter " + name + ": charset name " + charset.name()
                    + " leaves no room for a character in " + MAX_PARAMETER_CHARS + " characters");
            }
            pieces.add(head + best);
            start = end;
        }
        return pieces;
    }

    /**
     * The RFC 2047 form legacy clients (Outlook 2003 and older, some mobile clients) read:
     * {@code name="=?UTF-8?B?...?= =?UTF-8?B?...?="}, B-encoded words separated by spaces (where
     * {@link LineLimit#fold} may fold). Printable ASCII gives a plain quoted string. Not valid per RFC 2047 section 5,
     * so send it together with, never instead of, the {@link #rfc2231} form where the domain asks for it.
     */
    public static String rfc2047Quoted(String name, String value, Charset charset) throws EncodingException {
        checkName(name);
        checkValue(value);
        if (isPrintableAscii(value)) {
            return name + "=" + quote(value);
        }
        List<String> words = EncodedWords.encodedWords(value, charset, HeaderEncoding.WordEncoding.B,
            EncodedWords.Usage.PHRASE, MAX_PARAMETER_CHARS - name.length() - 2);
        return name + "=\"" + String.join(" ", words) + "\"";
    }

    /**
     * Parses a header value with parameters ({@code Content-Type}, {@code Content-Disposition}). Tolerant: RFC 2231
     * single and continued values (sections sorted, joined up to the first gap; octets of encoded sections joined
     * before decoding), RFC 2047 encoded-words in plain or quoted values, unterminated quotes, invalid percent
     * escapes (kept literally), unknown charsets (UTF-8 if the octets are valid UTF-8, ISO-8859-1 otherwise). When a
     * parameter appears both ways, the RFC 2231 value wins; otherwise the first occurrence wins. Names are
     * lower-cased.
     *
     * @throws EncodingException the header is over {@value #MAX_HEADER_CHARS} characters or a parameter has more
     *     than {@value #MAX_SECTIONS} sections
     */
    public static Parsed parse(String headerValue) throws EncodingException {
        Objects.requireNonNull(headerValue, "headerValue");
        if (headerValue.length() > MAX_HEADER_CHARS) {
            throw new EncodingException("header value of " + headerValue.length() + " characters is over the limit of "
                + MAX_HEADER_CHARS);
        }
        String text = HeaderText.unfold(headerValue);
        int i = text.indexOf(';');
        String main = (i < 0 ? text : text.substring(0, i)).trim();
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> sections = new LinkedHashMap<>();
        while (i >= 0 && i < text.length()) {
            i++;
            int eq = text.indexOf('=', i);
            int semi = text.indexOf(';', i);
            if (eq < 0) {
                break;
            }
            if (semi >= 0 && semi < eq) {
                i = semi;
                continue;
            }
            String rawName = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            String value;
            boolean quoted = j < text.length() && text.charAt(j) == '"';
            if (quoted) {
                StringBuilder sb = new StringBuilder();
                j++;
                while (j < text.length() && text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    sb.append(text.charAt(j++));
                }
                value = sb.toString();
                i = text.indexOf(';', j);
            } else {
                int end = text.indexOf(';', j);
                value = (end < 0 ? text.substring(j) : text.substring(j, end)).trim();
                i = end;
            }
            addParameter(rawName, value, quoted, plain, sections);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : plain.entrySet()) {
            String value = entry.getValue();
            parameters.put(entry.getKey(), value.contains("=?") ? HeaderDecoding.decode(value) : value);
        }
        for (Map.Entry<String, TreeMap<Integer, String[]>> entry : sections.entrySet()) {
            if (entry.getValue().size() > MAX_SECTIONS) {
                throw new EncodingException("parameter " + entry.getKey() + " has " + entry.getValue().size()
                    + " sections, over the limit of " + MAX_SECTIONS);
            }
            String joined = join(entry.getValue());
            if (joined != null) {
                parameters.put(entry.getKey(), joined);
            }
        }
        return new Parsed(main, parameters);
    }

    /**
     * Whether a strict RFC 2045 reader (javax.mail's {@code ContentType} and {@code ContentDisposition}, which James
     * runs whenever it saves a changed message) reads {@code headerValue}: {@code token "/" token} (or one token when
     * {@code subtype} is false), then {@code ; attribute = (token | quoted-string)} pairs, white space around, one
     * trailing {@code ;} tolerated. Unquoted encoded-words ({@code name==?koi8-r?B?...?=}), values with specials and
     * no quotes, empty parameters ({@code ;;}), comments and unterminated quotes are not; octets over 0x7F are only
     * allowed inside quotes.
     */
    public static boolean isStrict(String headerValue, boolean subtype) {
        String text = HeaderText.unfold(headerValue);
        int[] at = {0};
        skipSpace(text, at);
        if (!token(text, at)) {
            return false;
        }
        if (subtype) {
            skipSpace(text, at);
            if (at[0] >= text.length() || text.charAt(at[0]) != '/') {
                return false;
            }
            at[0]++;
            skipSpace(text, at);
            if (!token(text, at)) {
                return false;
            }
        }
        while (true) {
            skipSpace(text, at);
            if (at[0] == text.length()) {
                return true;
            }
            if (text.charAt(at[0]) != ';') {
                return false;
            }
            at[0]++;
            skipSpace(text, at);
            if (at[0] == text.length()) {
                return true; // one trailing semicolon
            }
            if (!token(text, at)) {
                return false;
            }
            skipSpace(text, at);
            if (at[0] >= text.length() || text.charAt(at[0]) != '=') {
                return false;
            }
            at[0]++;
            skipSpace(text, at);
            if (at[0] < text.length() && text.charAt(at[0]) == '"') {
                if (!quotedString(text, at)) {
                    return false;
                }
            } else if (!token(text, at)) {
                return false;
            }
        }
    }

    private static void skipSpace(String text, int[] at) {
        while (at[0] < text.length() && (text.charAt(at[0]) == ' ' || text.charAt(at[0]) == '\t')) {
            at[0]++;
        }
    }

    private static boolean token(String text, int[] at) {
        int start = at[0];
        while (at[0] < text.length()) {
            char c = text.charAt(at[0]);
            if (c <= 0x20 || c >= 0x7f || TSPECIALS.indexOf(c) >= 0) {
                break;
            }
            at[0]++;
        }
        return at[0] > start;
    }

    private static boolean quotedString(String text, int[] at) {
        at[0]++;
        while (at[0] < text.length()) {
            char c = text.charAt(at[0]++);
            if (c == '"') {
                return true;
            }
            if (c == '\\') {
                if (at[0] == text.length()) {
                    return false;
                }
                at[0]++;
            } else if (c == '\r' || c == '\n') {
                return false;
            }
        }
        return false;
    }

    private static void addParameter(String rawName, String value, boolean quoted, Map<String, String> plain,
                                     Map<String, TreeMap<Integer, String[]>> sections) {
        if (rawName.isEmpty()) {
            return;
        }
        int star = rawName.indexOf('*');
        if (star < 0) {
            plain.putIfAbsent(rawName, value);
            return;
        }
        String base = rawName.substring(0, star);
        String rest = rawName.substring(star + 1);
        boolean encoded = rest.endsWith("*") || rest.isEmpty();
        String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
        int index;
        if (number.isEmpty()) {
            index = -1;
        } else {
            try {
                index = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                return;
            }
            if (index < 0 || index > 9999) {
                return;
            }
        }
        if (base.isEmpty()) {
            return;
        }
        sections.computeIfAbsent(base, k -> new TreeMap<>())
            .putIfAbsent(index, new String[] {value, encoded && !quoted ? "*" : encoded ? "*q" : ""});
    }

    /** Joins sections -1 (the single {@code name*} form) or 0, 1, 2 ... up to the first gap; null if none. */
    private static String join(TreeMap<Integer, String[]> parts) {
        Charset charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int expected = parts.containsKey(-1) ? -1 : 0;
        if (!parts.containsKey(expected)) {
            return null;
        }
        for (Map.Entry<Integer, String[]> part : parts.entrySet()) {
            if (part.getKey() != expected) {
                break;
            }
            String value = part.getValue()[0];
            boolean encoded = part.getValue()[1].startsWith("*");
            if (encoded && charset == null && (expected == -1 || expected == 0)) {
                int first = value.indexOf('\'');
                int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
                if (second >= 0) {
                    charset = charsetOrNull(value.substring(0, first));
                    value = value.substring(second + 1);
                }
            }
            if (encoded) {
                bytes.writeBytes(unpercent(value));
            } else {
                bytes.writeBytes(value.getBytes(charset == null ? StandardCharsets.UTF_8 : charset));
            }
            if (expected == -1) {
                break;
            }
            expected++;
        }
        byte[] octets = bytes.toByteArray();
        if (charset == null) {
            charset = isValidUtf8(octets) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        }
        return new String(octets, charset);
    }

    private static Charset charsetOrNull(String name) {
        if (name.isEmpty()) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean isValidUtf8(byte[] octets) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] unpercent(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && HeaderDecoding.hex(value.charAt(i + 1)) >= 0
                && HeaderDecoding.hex(value.charAt(i + 2)) >= 0) {
                out.write(HeaderDecoding.hex(value.charAt(i + 1)) * 16 + HeaderDecoding.hex(value.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static List<String> asciiPieces(String name, String value) throws EncodingException {
        if (isToken(value) && name.length() + 1 + value.length() <= MAX_PARAMETER_CHARS) {
            return List.of(name + "=" + value);
        }
        String single = name + "=" + quote(value);
        if (single.length() <= MAX_PARAMETER_CHARS) {
            return List.of(single);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < value.length()) {
            String head = name + "*" + pieces.size() + "=";
            int end = start;
            int length = head.length() + 2;
            while (end < value.length()) {
                char c = value.charAt(end);
                int add = c == '"' || c == '\\' ? 2 : 1;
                if (length + add > MAX_PARAMETER_CHARS) {
                    break;
                }
                length += add;
                end++;
            }
            if (end == start) {
                throw new EncodingException("parameter " + name + ": the name leaves no room for a character in "
                    + MAX_PARAMETER_CHARS + " characters");
            }
            pieces.add(head + quote(value.substring(start, end)));
            start = end;
        }
        return pieces;
    }

    private static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int octet = b & 0xff;
            if (octet > 0x20 && octet < 0x7f && TSPECIALS.indexOf(octet) < 0 && octet != '*' && octet != '\''
                && octet != '%') {
                out.append((char) octet);
            } else {
                out.append('%').append(HEX[octet >> 4]).append(HEX[octet & 0xf]);
            }
        }
        return out.toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || TSPECIALS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!isToken(name) || name.indexOf('*') >= 0 || name.indexOf('\'') >= 0 || name.indexOf('%') >= 0) {
            throw new IllegalArgumentException("'" + name + "' is not a parameter name: expected a token such as "
                + "filename, without '*', ''' or '%'");
        }
    }

    private static void checkValue(String value) throws EncodingException {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE_CHARS) {
            throw new EncodingException("parameter value of " + value.length() + " characters is over the limit of "
                + MAX_VALUE_CHARS);
        }
    }

    /** A parsed header value: the part before the first {@code ;} and the decoded parameters. */
    public static final class Parsed {
        private final String value;
        private final Map<String, String> parameters;

        Parsed(String value, Map<String, String> parameters) {
            this.value = value;
            this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** E.g. {@code attachment} or {@code text/plain}, trimmed, as written. */
        public String value() {
            return value;
        }

        /** Lower-cased names to decoded values, in order of first appearance. */
        public Map<String, String> parameters() {
            return parameters;
        }

        /** A parameter by name (case-insensitive). */
        public Optional<String> parameter(String name) {
            return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Parsed)) {
                return false;
            }
            Parsed other = (Parsed) o;
            return value.equals(other.value) && parameters.equals(other.parameters);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, parameters);
        }

        @Override
        public String toString() {
            return value + parameters;
        }
    }
}
