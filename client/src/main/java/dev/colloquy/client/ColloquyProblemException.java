package dev.colloquy.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The server answered with a problem (RFC 9457). Subclasses name the common statuses; others are
 * thrown as this class. Never carries the token.
 */
public class ColloquyProblemException extends ColloquyException {

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String field;
    private final String requestId;
    private final Duration retryAfter;

    public ColloquyProblemException(
            String type, String title, int status, String detail, String field, String requestId, Duration retryAfter) {
        super(
                status + " " + (title == null ? "" : title) + (detail == null ? "" : ": " + detail)
                        + (requestId == null ? "" : " (request " + requestId + ")"),
                null);
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.field = field;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    /** The problem type, such as {@code urn:colloquy:problem:not-found}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** What went wrong, for a person. */
    public String detail() {
        return detail;
    }

    /** The input field at fault, for validation problems. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The request's id, as the server's log has it. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** How long the server asked to wait before trying again, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The exception of the problem's status. */
    static ColloquyProblemException of(
            String type, String title, int status, String detail, String field, String requestId, Duration retryAfter) {
        return switch (status) {
            case 400 -> new BadRequestException(type, title, detail, field, requestId);
            case 401 -> new UnauthorizedException(type, title, status, detail, requestId);
            case 403 -> new UnauthorizedException(type, title, status, detail, requestId);
            case 404 -> new NotFoundException(type, title, detail, requestId);
            case 409 -> new ConflictException(type, title, detail, requestId);
            case 412 -> new PreconditionFailedException(type, title, detail, requestId);
            case 429, 503 -> new UnavailableException(type, title, status, detail, requestId, retryAfter);
            default -> new ColloquyProblemException(type, title, status, detail, field, requestId, retryAfter);
        };
    }

    /** 400: the request was refused as invalid; {@link #field()} names the input at fault. Nothing changed. */
    public static class BadRequestException extends ColloquyProblemException {
        BadRequestException(String type, String title, String detail, String field, String requestId) {
            super(type, title, 400, detail, field, requestId, null);
        }
    }

    /** 401 or 403: the token is missing, wrong, revoked or expired, or may not do this. */
    public static class UnauthorizedException extends ColloquyProblemException {
        UnauthorizedException(String type, String title, int status, String detail, String requestId) {
            super(type, title, status, detail, null, requestId, null);
        }
    }

    /** 404: no such conversation, key, project or token (in the token's project). */
    public static class NotFoundException extends ColloquyProblemException {
        NotFoundException(String type, String title, String detail, String requestId) {
            super(type, title, 404, detail, null, requestId, null);
        }
    }

    /** 409: the change conflicts with the data, such as a key another conversation has. */
    public static class ConflictException extends ColloquyProblemException {
        ConflictException(String type, String title, String detail, String requestId) {
            super(type, title, 409, detail, null, requestId, null);
        }
    }

    /** 412: the conversation changed since its entity tag was read. */
    public static class PreconditionFailedException extends ColloquyProblemException {
        PreconditionFailedException(String type, String title, String detail, String requestId) {
            super(type, title, 412, detail, null, requestId, null);
        }
    }

    /** 429 or 503, still so after the retries that were allowed: try again later ({@link #retryAfter()}). */
    public static class UnavailableException extends ColloquyProblemException {
        UnavailableException(
                String type, String title, int status, String detail, String requestId, Duration retryAfter) {
            super(type, title, status, detail, null, requestId, retryAfter);
        }
    }
}
