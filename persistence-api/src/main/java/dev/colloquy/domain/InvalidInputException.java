package dev.colloquy.domain;

/** Input that breaks a rule or a limit. Nothing was changed. */
public final class InvalidInputException extends ColloquyException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message, null);
        this.field = field;
    }

    /** The input field at fault, in the API's spelling (for example {@code messages[3].content}). */
    public String field() {
        return field;
    }
}
