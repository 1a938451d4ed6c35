package dev.colloquy.app.http;

import jakarta.ws.rs.core.Response;

/** A request the API refuses before it reaches the stores (authentication, body size, parameters). */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Problem problem;
    private final String field;

    public ApiException(Problem problem, String detail) {
        this(problem, detail, null);
    }

    public ApiException(Problem problem, String detail, String field) {
        super(detail);
        this.problem = problem;
        this.field = field;
    }

    public Response response() {
        return problem.response(getMessage(), field);
    }
}
