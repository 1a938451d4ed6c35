package dev.colloquy.domain;

/** The addressed object does not exist, or is not visible to the caller's project. */
public final class NotFoundException extends ColloquyException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message, null);
    }
}
