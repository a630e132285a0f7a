package org.bordertransport.demo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few James WebAdmin calls the demo and the tests need: domains and users. JDK HTTP client, no JSON library.
 */
public final class WebAdminClient {
    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public WebAdminClient(String host, int port, Duration timeout) {
        this.base = URI.create("http://" + host + ":" + port);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Waits until WebAdmin answers {@code GET /domains}. */
    public void awaitReady(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                HttpResponse<String> response = send(request("/domains").GET().build());
                if (response.statusCode() == 200) {
                    return;
                }
                last = new IOException("GET /domains answered " + response.statusCode() + ": " + response.body());
            } catch (ConnectException e) {
                last = e;
            }
            pause();
        }
        throw new IOException("WebAdmin at " + base + " did not answer within " + wait.toSeconds() + " s", last);
    }

    /** Creates the domain unless it exists. */
    public void ensureDomain(String domain) throws IOException {
        String path = "/domains/" + encode(domain);
        HttpResponse<String> exists = send(request(path).GET().build());
        if (exists.statusCode() == 204) {
            return;
        }
        expect204("PUT " + path, send(request(path).PUT(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** Creates the user, or sets its password when it exists. */
    public void ensureUser(String user, String password) throws IOException {
        String path = "/users/" + encode(user);
        String body = EnvelopeJson.object("password", password);
        expect204("PUT " + path, send(request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build()));
    }

    /** Adds a RecipientRewriteTable forward from a local mailbox to another address. */
    public void addForward(String mailbox, String target) throws IOException {
        String path = "/address/forwards/" + encode(mailbox) + "/targets/" + encode(target);
        expect204("PUT " + path, send(request(path).PUT(HttpRequest.BodyPublishers.noBody()).build()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling WebAdmin", e);
        }
    }

    private static void expect204(String call, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 204) {
            throw new IOException("WebAdmin " + call + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A path segment: addresses and domains go in as they are ('@' is allowed in a path), anything odd is refused. */
    private static String encode(String segment) {
        if (!segment.matches("[A-Za-z0-9._@+-]+")) {
            throw new IllegalArgumentException("unsupported characters in \"" + segment + "\"");
        }
        return segment;
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for WebAdmin", e);
        }
    }
}
