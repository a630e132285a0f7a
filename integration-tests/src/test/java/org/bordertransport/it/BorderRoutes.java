package org.bordertransport.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.apache.james.utils.WebAdminGuiceProbe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** HTTP to the WebAdmin of a {@link BorderJames}: any status, JSON read when there is some. */
final class BorderRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private BorderRoutes(String base) {
        this.base = base;
    }

    static BorderRoutes of(BorderJames james) {
        return new BorderRoutes("http://127.0.0.1:"
            + james.server().getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue());
    }

    String base() {
        return base;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
    }

    Answer post(String pathAndQuery, byte[] body, String accept) throws IOException, InterruptedException {
        return post(pathAndQuery, body, accept, "message/rfc822");
    }

    Answer post(String pathAndQuery, byte[] body, String accept, String contentType)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", contentType);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
            response.body());
    }

    /** A response. */
    static final class Answer {
        final int status;
        final String contentType;
        final byte[] body;

        Answer(int status, String contentType, byte[] body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
