package org.bordertransport.webadmin;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import spark.Service;

/**
 * {@code GET /border/policy/recipients/{address}} and {@code GET /border/policy/domains/{domain}}: the effective
 * remote-domain settings and which entry won. Read-only. Loaded by James from {@code webadmin.properties}
 * ({@code extensions.routes}); behind WebAdmin's authentication like James's own routes.
 */
public final class PolicyRoutes implements Routes {
    public static final String BASE_PATH = RouteSupport.BASE + "/policy";
    /** The routes, as documented in docs/webadmin.md. */
    public static final List<String> DOCUMENTED = List.of("GET " + BASE_PATH + "/recipients/{address}",
        "GET " + BASE_PATH + "/domains/{domain}");

    private final PolicyService service;
    private final JsonTransformer json;

    @Inject
    public PolicyRoutes(FileSystem fileSystem, JsonTransformer json) {
        this(new PolicyService(BorderConf.of(fileSystem)), json);
    }

    PolicyRoutes(PolicyService service, JsonTransformer json) {
        this.service = service;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service spark) {
        spark.get(BASE_PATH + "/recipients/:address", (request, response) -> RouteSupport.json(response,
            () -> service.recipient(RouteSupport.pathAfter(request, BASE_PATH + "/recipients/"))), json);
        spark.get(BASE_PATH + "/domains/:domain", (request, response) -> RouteSupport.json(response,
            () -> service.domain(RouteSupport.pathAfter(request, BASE_PATH + "/domains/"))), json);
    }
}
