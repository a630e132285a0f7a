package org.bordertransport.webadmin;

/**
 * A request the routes answer with an error, as James's WebAdmin answers: a status code, a type and a message naming
 * the parameter or the file at fault (never a secret). Kept free of Spark so the services can be tested alone.
 */
public final class RouteException extends Exception {
    private static final long serialVersionUID = 1L;

    /** James's {@code ErrorResponder.ErrorType}s the routes use. */
    public enum Kind {
        INVALID_ARGUMENT,
        NOT_FOUND,
        SERVER_ERROR
    }

    private final int status;
    private final Kind kind;

    private RouteException(int status, Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.kind = kind;
    }

    /** 400: a missing or invalid request parameter, named in the message. */
    public static RouteException badParameter(String parameter, String problem) {
        return new RouteException(400, Kind.INVALID_ARGUMENT, "Invalid parameter '" + parameter + "': " + problem,
            null);
    }

    /** 404: nothing found for the request. */
    public static RouteException notFound(String message) {
        return new RouteException(404, Kind.NOT_FOUND, message, null);
    }

    /** 413: the request body is over the limit. */
    public static RouteException tooLarge(String message) {
        return new RouteException(413, Kind.INVALID_ARGUMENT, message, null);
    }

    /** 415: the request body is not of a type the route takes. */
    public static RouteException unsupportedType(String message) {
        return new RouteException(415, Kind.INVALID_ARGUMENT, message, null);
    }

    /** 500: James's configuration (or a file it names) cannot be used; the message names the file. */
    public static RouteException configuration(String message, Throwable cause) {
        return new RouteException(500, Kind.SERVER_ERROR, message, cause);
    }

    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }
}
