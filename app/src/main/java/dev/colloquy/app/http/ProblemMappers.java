package dev.colloquy.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.colloquy.domain.ColloquyException;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.IdempotencyKeyReusedException;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.UnavailableException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into a problem document; nothing reaches a client as a stack trace or HTML page. */
public final class ProblemMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {}

    /** What a 408 says: the request body stopped arriving within {@code HTTP_BODY_TIMEOUT}. */
    public static final String BODY_TIMEOUT_DETAIL =
            "the request body stopped arriving before its Content-Length was reached (HTTP_BODY_TIMEOUT);"
                    + " nothing was stored";

    /** Whether a failed body read waited out {@code HTTP_BODY_TIMEOUT} (anywhere in its causes). */
    public static boolean bodyTimedOut(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request body that stopped arriving: the server's read of it waited out {@code
     * HTTP_BODY_TIMEOUT}. Answered 408 with the connection closed (the rest of the body may still
     * come and cannot be told from a next request).
     */
    static Optional<Response> bodyTimeout(Throwable error) {
        if (!bodyTimedOut(error)) {
            return Optional.empty();
        }
        Response problem = Problem.REQUEST_TIMEOUT.response(BODY_TIMEOUT_DETAIL);
        return Optional.of(
                Response.fromResponse(problem).header("Connection", "close").build());
    }

    /** The domain's failures. */
    @Provider
    public static class Domain implements ExceptionMapper<ColloquyException> {
        @Override
        public Response toResponse(ColloquyException e) {
            if (e instanceof InvalidInputException invalid) {
                return Problem.VALIDATION.response(e.getMessage(), invalid.field());
            }
            if (e instanceof NotFoundException) {
                return Problem.NOT_FOUND.response(e.getMessage());
            }
            if (e instanceof ConflictException) {
                return Problem.CONFLICT.response(e.getMessage());
            }
            if (e instanceof IdempotencyKeyReusedException) {
                return Problem.IDEMPOTENCY_KEY_REUSED.response(e.getMessage(), "Idempotency-Key");
            }
            if (e instanceof UnavailableException unavailable) {
                LOG.warn("Database unavailable: {}", e.getMessage());
                return Problem.UNAVAILABLE.retryable(e.getMessage(), unavailable.retryAfter());
            }
            return Internal.log(e);
        }
    }

    /** Malformed JSON, wrong types, unknown fields. */
    @Provider
    public static class JsonInput implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            var timedOut = bodyTimeout(e);
            if (timedOut.isPresent()) {
                return timedOut.get();
            }
            if (e.getCause() instanceof ApiException api) {
                return api.response();
            }
            if (e instanceof UnrecognizedPropertyException unknown) {
                return Problem.VALIDATION.response(
                        "unknown field '" + unknown.getPropertyName() + "'; known fields: "
                                + unknown.getKnownPropertyIds().stream()
                                        .map(Object::toString)
                                        .sorted()
                                        .collect(Collectors.joining(", ")),
                        path(unknown));
            }
            if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                // Jackson's own words name Java types; the API's name JSON ones.
                String expected = expected(mismatch.getTargetType());
                if (mismatch.getPath().isEmpty()) {
                    return Problem.VALIDATION.response("the body must be " + expected);
                }
                return Problem.VALIDATION.response("'" + path(mismatch) + "' must be " + expected, path(mismatch));
            }
            if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                return Problem.VALIDATION.response("'" + path(mapping) + "' has the wrong type or form", path(mapping));
            }
            return Problem.VALIDATION.response("the body is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }

        static String expected(Class<?> type) {
            if (type == String.class) {
                return "a string";
            }
            if (type == Instant.class) {
                return "an ISO-8601 UTC instant string such as 2026-01-31T12:00:00Z";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
                return "a number";
            }
            if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                return "an array";
            }
            return "a JSON object";
        }

        private static String path(JsonMappingException e) {
            var path = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                } else if (ref.getFieldName() != null) {
                    if (path.length() > 0) {
                        path.append('.');
                    }
                    path.append(ref.getFieldName());
                }
            }
            return path.toString();
        }
    }

    /** Our own request errors, thrown before the domain is reached. */
    @Provider
    public static class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return e.response();
        }
    }

    /** Jersey's own: unknown routes, wrong methods, media types. */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            var timedOut = bodyTimeout(e);
            if (timedOut.isPresent()) {
                return timedOut.get();
            }
            if (e.getCause() instanceof ApiException api) {
                return api.response();
            }
            if (e.getCause() instanceof JsonProcessingException json) {
                return new JsonInput().toResponse(json);
            }
            int status = e.getResponse().getStatus();
            if (e instanceof NotAllowedException) {
                Response problem = Problem.METHOD_NOT_ALLOWED.response("this route does not take that method");
                return Response.fromResponse(problem)
                        .allow(e.getResponse().getAllowedMethods())
                        .build();
            }
            if (e instanceof NotSupportedException) {
                return Problem.UNSUPPORTED_MEDIA_TYPE.response("send the body as application/json");
            }
            if (e instanceof NotAcceptableException) {
                return Problem.NOT_ACCEPTABLE.response(
                        "this route answers application/json (and errors application/problem+json);"
                                + " accept one of them");
            }
            if (status == 404) {
                return Problem.NOT_FOUND.response("no such route");
            }
            if (status == 413) {
                return Problem.PAYLOAD_TOO_LARGE.response("the request body is too large");
            }
            if (status >= 400 && status < 500) {
                return Problem.VALIDATION.response(e.getMessage());
            }
            return Internal.log(e);
        }
    }

    /** Anything else is a bug: logged with an id the client also gets. */
    @Provider
    public static class Internal implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (e instanceof ColloquyException domain) {
                return new Domain().toResponse(domain);
            }
            return bodyTimeout(e).orElseGet(() -> log(e));
        }

        static Response log(Throwable e) {
            String id = UUID.randomUUID().toString();
            LOG.error("Request failed (error id {})", id, e);
            return Problem.INTERNAL.response("an internal error occurred; error id " + id);
        }
    }
}
