package org.bordertransport.demo.soak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The James WebAdmin calls the soak's accounting needs: mail repositories (list, keys, a mail's details and
 * content, delete), mail queue sizes, and deleting a user's mailboxes.
 */
final class SoakWebAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One mail of a repository: its recipients, error message and content. */
    static final class RepositoryMail {
        final String repository;
        final String key;
        final List<String> recipients;
        final String error;
        final String state;
        final byte[] content;

        RepositoryMail(String repository, String key, List<String> recipients, String error, String state,
                       byte[] content) {
            this.repository = repository;
            this.key = key;
            this.recipients = recipients;
            this.error = error;
            this.state = state;
            this.content = content;
        }
    }

    private final URI base;
    private final HttpClient http;

    SoakWebAdmin(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The repositories James has, as their encoded paths (e.g. {@code var%2Fmail%2Ferror%2F}). */
    List<String> repositories() throws IOException {
        List<String> paths = new ArrayList<>();
        for (JsonNode repository : json("/mailRepositories")) {
            paths.add(repository.path("path").asText());
        }
        return paths;
    }

    /** Every mail of one repository, with details and content. */
    List<RepositoryMail> mails(String encodedPath) throws IOException {
        List<String> keys = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = json("/mailRepositories/" + encodedPath + "/mails?offset=" + offset + "&limit=1000");
            page.forEach(key -> keys.add(key.asText()));
            if (page.size() < 1000) {
                break;
            }
        }
        String repository = java.net.URLDecoder.decode(encodedPath, StandardCharsets.UTF_8);
        List<RepositoryMail> mails = new ArrayList<>();
        for (String key : keys) {
            String path = "/mailRepositories/" + encodedPath + "/mails/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
            JsonNode details;
            try {
                details = json(path);
            } catch (NotFound e) {
                continue;
            }
            List<String> recipients = new ArrayList<>();
            details.path("recipients").forEach(r -> recipients.add(r.asText()));
            HttpResponse<byte[]> raw = send(HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", "message/rfc822").timeout(Duration.ofMinutes(2)).GET().build());
            byte[] content = raw.statusCode() == 200 ? raw.body() : new byte[0];
            mails.add(new RepositoryMail(repository, key, recipients, details.path("error").asText(""),
                details.path("state").asText(""), content));
        }
        return mails;
    }

    /** Deletes every mail of a repository (a WebAdmin task: waits for it to end). */
    void clear(String encodedPath) throws IOException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve("/mailRepositories/" + encodedPath
            + "/mails")).timeout(Duration.ofMinutes(2)).DELETE().build());
        if (response.statusCode() == 201) {
            String task = JSON.readTree(response.body()).path("taskId").asText();
            json("/tasks/" + task + "/await");
        } else if (response.statusCode() != 204) {
            throw new IOException("WebAdmin DELETE mails of " + encodedPath + " answered " + response.statusCode());
        }
    }

    /** The number of mails in a queue ({@code spool}, {@code outgoing}); -1 when James does not say. */
    long queueSize(String queue) throws IOException {
        try {
            return json("/mailQueues/" + queue).path("size").asLong(-1);
        } catch (NotFound e) {
            return 0;
        }
    }

    /** Deletes all mailboxes of a user (their messages with them). */
    void deleteMailboxes(String user) throws IOException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve("/users/" + user + "/mailboxes"))
            .timeout(Duration.ofMinutes(2)).DELETE().build());
        if (response.statusCode() != 204) {
            throw new IOException("WebAdmin DELETE /users/" + user + "/mailboxes answered " + response.statusCode());
        }
    }

    private JsonNode json(String path) throws IOException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofMinutes(2)).GET().build());
        if (response.statusCode() == 404) {
            throw new NotFound(path);
        }
        if (response.statusCode() != 200) {
            throw new IOException("WebAdmin GET " + path + " answered " + response.statusCode() + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** 404 from WebAdmin. */
    private static final class NotFound extends IOException {
        private static final long serialVersionUID = 1L;

        NotFound(String path) {
            super("not found: " + path);
        }
    }
}
