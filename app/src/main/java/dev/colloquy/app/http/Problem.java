package dev.colloquy.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.MDC;

/**
 * RFC 9457 problem details. Each kind of error has a stable {@code type} URI that clients may
 * switch on; {@code detail} says what happened in words, and {@code field} names the input at
 * fault where there is one.
 */
public enum Problem {
    VALIDATION(400, "Invalid request"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    REQUEST_TIMEOUT(408, "Request timeout"),
    CONFLICT(409, "Conflict"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    URI_TOO_LONG(414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    HEADERS_TOO_LARGE(431, "Request header fields too large"),
    INTERNAL(500, "Internal error"),
    NOT_IMPLEMENTED(501, "Not implemented"),
    UNAVAILABLE(503, "Service unavailable"),
    HTTP_VERSION_NOT_SUPPORTED(505, "HTTP version not supported");

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    private final int status;
    private final String title;

    Problem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public String type() {
        return "urn:colloquy:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /**
     * The kind for a status the HTTP layer chose by itself (a malformed request line, a header
     * too large): its own kind where there is one, else validation for 4xx and internal for 5xx.
     */
    public static Problem forStatus(int status) {
        for (Problem problem : values()) {
            if (problem.status == status) {
                return problem;
            }
        }
        return status < 500 ? VALIDATION : INTERNAL;
    }

    /** The problem document as JSON bytes, for layers below Jakarta REST. */
    public byte[] json(String detail) {
        try {
            return Json.MAPPER.writeValueAsBytes(document(detail, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> document(String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        String requestId = MDC.get(RequestLog.MDC_KEY);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }

    public Response response(String detail) {
        return response(detail, null);
    }

    /** A problem the client may retry, with {@code Retry-After} in whole seconds (at least one). */
    public Response retryable(String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return Response.fromResponse(response(detail))
                .header("Retry-After", seconds)
                .build();
    }

    public Response response(String detail, String field) {
        var builder = Response.status(status).type(MEDIA_TYPE).entity(document(detail, field));
        if (this == UNAUTHORIZED) {
            builder.header("WWW-Authenticate", "Bearer realm=\"colloquy\"");
        }
        return builder.build();
    }
}
