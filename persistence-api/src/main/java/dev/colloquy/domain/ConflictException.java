package dev.colloquy.domain;

/** The change collides with existing data (a duplicate name, a concurrent change). */
public final class ConflictException extends ColloquyException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message, null);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
