package dev.colloquy.domain;

/**
 * The few kinds of failure a store reports. Persistence exceptions are translated into one of
 * these at the store boundary, so callers never see a JDBC or JPA exception.
 */
public abstract sealed class ColloquyException extends RuntimeException
        permits NotFoundException,
                ConflictException,
                InvalidInputException,
                UnavailableException,
                IdempotencyKeyReusedException {

    private static final long serialVersionUID = 1L;

    protected ColloquyException(String message, Throwable cause) {
        super(message, cause);
    }
}
