package org.bordertransport.webadmin;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import spark.Service;

/**
 * {@code GET /border/message-ids/internal?id=...} and {@code GET /border/message-ids/check?id=...}: public
 * Message-IDs mapped back for support, IDs checked. Read-only. Loaded by James from {@code webadmin.properties}.
 */
public final class MessageIdRoutes implements Routes {
    public static final String BASE_PATH = RouteSupport.BASE + "/message-ids";
    /** The routes, as documented in docs/webadmin.md. */
    public static final List<String> DOCUMENTED = List.of("GET " + BASE_PATH + "/internal",
        "GET " + BASE_PATH + "/check");

    private final MessageIdService service;
    private final JsonTransformer json;

    @Inject
    public MessageIdRoutes(FileSystem fileSystem, JsonTransformer json) {
        this(new MessageIdService(BorderConf.of(fileSystem)), json);
    }

    MessageIdRoutes(MessageIdService service, JsonTransformer json) {
        this.service = service;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service spark) {
        spark.get(BASE_PATH + "/internal", (request, response) -> RouteSupport.json(response,
            () -> service.internal(request.queryParams("id"))), json);
        spark.get(BASE_PATH + "/check", (request, response) -> RouteSupport.json(response,
            () -> service.check(request.queryParams("id"))), json);
    }
}
