package org.bordertransport.webadmin;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;

import spark.HaltException;
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
