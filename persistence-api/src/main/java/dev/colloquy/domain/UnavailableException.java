package dev.colloquy.domain;

/** The database cannot be reached or stayed busy beyond the retry budget; the call may be retried. */
public final class UnavailableException extends ColloquyException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
