package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.utils.WebAdminGuiceProbe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * James's WebAdmin REST API of a {@link BorderJames}, as the shipped {@code webadmin.properties} enables it (on a free
 * port of 127.0.0.1 in the tests): the mail repository routes an administrator uses to look at and reprocess mail, and
 * the task route that waits for a reprocessing to end. Requests are the ones the operations guide gives with curl.
 */
public final class WebAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private WebAdmin(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static WebAdmin of(BorderJames james) {
        return new WebAdmin(james.server().getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue());
    }

    /** {@code var/mail/error/} for {@code memory://var/mail/error/}, URL-encoded as the routes take it. */
    public static String encodedPath(String repositoryPath) {
        return URLEncoder.encode(repositoryPath, StandardCharsets.UTF_8);
    }

    /** {@code GET /mailRepositories/{path}/mails}: the keys of the mails stored there. */
    public List<String> keys(String repositoryPath) throws Exception {
        JsonNode keys = get("/mailRepositories/" + encodedPath(repositoryPath) + "/mails");
        List<String> out = new ArrayList<>();
        keys.forEach(key -> out.add(key.asText()));
        return out;
    }

    /** {@code GET /mailRepositories/{path}/mails/{key}}: name, sender, recipients, state, error of one mail. */
    public JsonNode mail(String repositoryPath, String key) throws Exception {
        return get("/mailRepositories/" + encodedPath(repositoryPath) + "/mails/"
            + URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    /** The same with {@code Accept: message/rfc822}: the stored message, as octets. */
    public byte[] message(String repositoryPath, String key) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "/mailRepositories/"
            + encodedPath(repositoryPath) + "/mails/" + URLEncoder.encode(key, StandardCharsets.UTF_8)))
            .header("Accept", "message/rfc822").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET stored message").isEqualTo(200);
        return response.body();
    }

    /**
     * {@code PATCH /mailRepositories/{path}/mails?action=reprocess[&processor=...]}, then
     * {@code GET /tasks/{id}/await}: returns the finished task.
     */
    public JsonNode reprocessAll(String repositoryPath, String query) throws Exception {
        return awaitTask(patch("/mailRepositories/" + encodedPath(repositoryPath) + "/mails?action=reprocess" + query));
    }

    /** {@code PATCH /mailRepositories/{path}/mails/{key}?action=reprocess[&processor=...]}, awaited. */
    public JsonNode reprocessOne(String repositoryPath, String key, String query) throws Exception {
        return awaitTask(patch("/mailRepositories/" + encodedPath(repositoryPath) + "/mails/"
            + URLEncoder.encode(key, StandardCharsets.UTF_8) + "?action=reprocess" + query));
    }

    private String patch(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PATCH %s: %s", path, response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("taskId").asText();
    }

    private JsonNode awaitTask(String taskId) throws Exception {
        JsonNode task = get("/tasks/" + taskId + "/await");
        assertThat(task.get("status").asText()).as("task %s", task).isEqualTo("completed");
        return task;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
