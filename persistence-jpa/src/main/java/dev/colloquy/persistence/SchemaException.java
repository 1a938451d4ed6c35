package dev.colloquy.persistence;

/** The database's schema does not fit this build: newer than the build, or not migrated when it must be. */
public final class SchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
