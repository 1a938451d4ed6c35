package dev.colloquy.domain;

import java.time.Duration;

/**
 * The database cannot be reached or stayed busy beyond the retry budget; nothing was changed, and
 * the call may be retried after {@link #retryAfter()}.
 */
public final class UnavailableException extends ColloquyException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public UnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long a caller should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
