package dev.colloquy.domain;

/**
 * An idempotency key came back with a different request than the one it was first used for: a
 * client bug (a key reused for new work), never a retry, so it is refused rather than replayed.
 */
public final class IdempotencyKeyReusedException extends ColloquyException {

    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException(String message) {
        super(message, null);
    }
}
