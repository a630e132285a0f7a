package org.bordertransport.webadmin;

import java.time.Clock;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import spark.Service;

/**
 * {@code GET /border/srs/forward}, {@code GET /border/srs/reverse}, {@code GET /border/srs/secrets}: SRS as the
 * running mailets do it. Read-only. Loaded by James from {@code webadmin.properties} ({@code extensions.routes}).
 */
public final class SrsRoutes implements Routes {
    public static final String BASE_PATH = RouteSupport.BASE + "/srs";
    /** The routes, as documented in docs/webadmin.md. */
    public static final List<String> DOCUMENTED = List.of("GET " + BASE_PATH + "/forward",
        "GET " + BASE_PATH + "/reverse", "GET " + BASE_PATH + "/secrets");

    private final SrsService service;
    private final JsonTransformer json;

    @Inject
    public SrsRoutes(FileSystem fileSystem, JsonTransformer json) {
        this(new SrsService(BorderConf.of(fileSystem), Clock.systemUTC()), json);
    }

    SrsRoutes(SrsService service, JsonTransformer json) {
        this.service = service;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service spark) {
        spark.get(BASE_PATH + "/forward", (request, response) -> RouteSupport.json(response,
            () -> service.forward(request.queryParams("sender"), request.queryParams("forwarder"))), json);
        spark.get(BASE_PATH + "/reverse", (request, response) -> RouteSupport.json(response,
            () -> service.reverse(request.queryParams("address"))), json);
        spark.get(BASE_PATH + "/secrets", (request, response) -> RouteSupport.json(response, service::secrets), json);
    }
}
