package org.bordertransport.webadmin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;

import spark.HaltException;
import spark.Request;
import spark.Response;

/** What the Border routes share: JSON answers and James's error format. */
final class RouteSupport {
    static final String JSON = "application/json";
    static final String BASE = "/border";

    /** The answer of a route handler; a {@link RouteException} becomes James's JSON error. */
    @FunctionalInterface
    interface Handler {
        Object handle() throws RouteException;
    }

    private RouteSupport() {
    }

    static Object json(Response response, Handler handler) {
        response.type(JSON);
        try {
            return handler.handle();
        } catch (RouteException e) {
            throw halt(e);
        }
    }

    /**
     * A parameter of the query string, read from the query string only: never through the servlet's parameters,
     * which would read a form-encoded request body (curl's {@code --data-binary} says
     * {@code application/x-www-form-urlencoded}) that a route wants to read itself.
     */
    static String queryParameter(Request request, String name) {
        String query = request.raw().getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * The rest of the request path after {@code prefix}, percent-decoded as a path is: a {@code +} stays a
     * {@code +} (addresses have them: {@code alice+tag@example.com}), where a form decoder would make it a space.
     */
    static String pathAfter(Request request, String prefix) {
        String path = request.raw().getRequestURI();
        int at = path.indexOf(prefix);
        String rest = at < 0 ? "" : path.substring(at + prefix.length());
        return URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static HaltException halt(RouteException e) {
        return ErrorResponder.builder()
            .statusCode(e.status())
            .type(type(e.kind()))
            .message(e.getMessage())
            .haltError();
    }

    private static ErrorType type(RouteException.Kind kind) {
        switch (kind) {
            case INVALID_ARGUMENT:
                return ErrorType.INVALID_ARGUMENT;
            case NOT_FOUND:
                return ErrorType.NOT_FOUND;
            default:
                return ErrorType.SERVER_ERROR;
        }
    }
}
