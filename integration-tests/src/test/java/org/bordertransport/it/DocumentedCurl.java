package org.bordertransport.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One documented {@code curl} command line of docs/webadmin.md, turned into the HTTP request it makes. Understood:
 * {@code printf 'TEXT' |} or {@code head -c N /dev/zero |} before curl (the body for {@code --data-binary @-}), and
 * the curl options {@code -s}, {@code -S}, {@code -G}, {@code -X METHOD}, {@code -H 'Name: value'},
 * {@code --data-urlencode 'name=value'}, {@code --data-binary @-} (with curl's default Content-Type for it,
 * {@code application/x-www-form-urlencoded}). Anything else fails the test: the documentation must only use what this
 * checks.
 */
final class DocumentedCurl {
    static final String DEMO_BASE = "http://127.0.0.1:8000";

    final String line;
    final String method;
    final String url;
    final List<String[]> headers;
    final byte[] body;

    private DocumentedCurl(String line, String method, String url, List<String[]> headers, byte[] body) {
        this.line = line;
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.body = body;
    }

    static DocumentedCurl parse(String line) {
        List<String> words = words(line);
        byte[] stdin = null;
        int i = 0;
        if (words.get(0).equals("printf")) {
            stdin = printf(words.get(1)).getBytes(StandardCharsets.UTF_8);
            expect(words, 2, "|", line);
            i = 3;
        } else if (words.get(0).equals("head")) {
            expect(words, 1, "-c", line);
            expect(words, 3, "/dev/zero", line);
            expect(words, 4, "|", line);
            stdin = new byte[Integer.parseInt(words.get(2))];
            i = 5;
        }
        expect(words, i, "curl", line);
        String method = null;
        boolean get = false;
        String url = null;
        List<String[]> headers = new ArrayList<>();
        List<String> query = new ArrayList<>();
        byte[] body = null;
        for (i++; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s":
                case "-S":
                case "-sS":
                    break;
                case "-G":
                    get = true;
                    break;
                case "-X":
                    method = words.get(++i);
                    break;
                case "-H":
                    String header = words.get(++i);
                    int colon = header.indexOf(':');
                    headers.add(new String[] {header.substring(0, colon).trim(), header.substring(colon + 1).trim()});
                    break;
                case "--data-urlencode":
                    String pair = words.get(++i);
                    int eq = pair.indexOf('=');
                    query.add(pair.substring(0, eq) + "="
                        + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    break;
                case "--data-binary":
                    if (!words.get(++i).equals("@-") || stdin == null) {
                        throw new IllegalArgumentException("only --data-binary @- after a pipe: " + line);
                    }
                    body = stdin;
                    break;
                default:
                    if (word.startsWith("-") || url != null) {
                        throw new IllegalArgumentException("not understood: '" + word + "' in " + line);
                    }
                    url = word;
            }
        }
        if (url == null || !url.startsWith(DEMO_BASE + "/")) {
            throw new IllegalArgumentException("no URL on " + DEMO_BASE + " in " + line);
        }
        if (!query.isEmpty()) {
            if (!get) {
                throw new IllegalArgumentException("--data-urlencode without -G: " + line);
            }
            url += (url.contains("?") ? "&" : "?") + String.join("&", query);
        }
        if (method == null) {
            method = body != null ? "POST" : "GET";
        }
        if (body != null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Content-Type"))) {
            // what curl sends with --data-binary unless told otherwise
            headers.add(new String[] {"Content-Type", "application/x-www-form-urlencoded"});
        }
        return new DocumentedCurl(line, method, url, headers, body);
    }

    HttpRequest request(String base) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + url.substring(DEMO_BASE.length())))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String[] header : headers) {
            builder.header(header[0], header[1]);
        }
        return builder.build();
    }

    private static void expect(List<String> words, int index, String word, String line) {
        if (words.size() <= index || !words.get(index).equals(word)) {
            throw new IllegalArgumentException("expected '" + word + "' as word " + (index + 1) + " of " + line);
        }
    }

    /** Shell words: blanks separate, single quotes quote (no escapes inside), nothing else is special. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** printf's format: \r \n \t \\ and %% (no conversions). */
    static String printf(String format) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\' && i + 1 < format.length()) {
                char n = format.charAt(++i);
                text.append(n == 'r' ? '\r' : n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
                text.append('%');
                i++;
            } else if (c == '%') {
                throw new IllegalArgumentException("printf conversions are not understood: " + format);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
