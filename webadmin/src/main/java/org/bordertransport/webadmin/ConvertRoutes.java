package org.bordertransport.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code POST /border/convert?recipient=...} with a message (RFC 5322) as the body: what that remote recipient would
 * receive. JSON (what was done, and the message as text) by default; with {@code Accept: message/rfc822} the
 * message's octets only. Changes nothing on the server. Bodies over {@link ConvertService#MAX_MESSAGE_OCTETS} get 413;
 * a body sent as a form ({@code application/x-www-form-urlencoded}, curl's default for {@code --data-binary}) gets
 * 415: the servlet container reads such a body as form fields before any route sees it.
 */
public final class ConvertRoutes implements Routes {
    public static final String BASE_PATH = RouteSupport.BASE + "/convert";
    /** The routes, as documented in docs/webadmin.md. */
    public static final List<String> DOCUMENTED = List.of("POST " + BASE_PATH);
    static final String RFC822 = "message/rfc822";

    private final ConvertService service;
    private final JsonTransformer json;

    @Inject
    public ConvertRoutes(FileSystem fileSystem, JsonTransformer json) {
        this(new ConvertService(BorderConf.of(fileSystem)), json);
    }

    ConvertRoutes(ConvertService service, JsonTransformer json) {
        this.service = service;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service spark) {
        spark.post(BASE_PATH, this::preview);
    }

    private Object preview(Request request, Response response) throws IOException {
        boolean raw = request.headers("Accept") != null && request.headers("Accept").contains(RFC822);
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            // the servlet container has read such a body as form fields: the message is gone
            throw RouteSupport.halt(RouteException.unsupportedType("Content-Type '" + request.contentType()
                + "' is a form: send the message as " + RFC822 + " (curl: -H 'Content-Type: " + RFC822
                + "' --data-binary @FILE)"));
        }
        String recipient = RouteSupport.queryParameter(request, "recipient");
        try (InputStream body = request.raw().getInputStream();
             ConvertService.Preview preview = service.preview(recipient, body, request.raw().getContentLengthLong())) {
            byte[] octets;
            try (InputStream in = preview.message().open()) {
                octets = in.readAllBytes();
            }
            if (raw) {
                response.type(RFC822);
                return octets;
            }
            Map<String, Object> answer = new LinkedHashMap<>(preview.summary());
            answer.put("message", new String(octets, StandardCharsets.UTF_8));
            response.type(RouteSupport.JSON);
            return json.render(answer);
        } catch (RouteException e) {
            throw RouteSupport.halt(e);
        }
    }
}
