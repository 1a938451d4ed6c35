package dev.colloquy.mcp;

/**
 * A request the service refused (or could not serve), with the status and detail the REST API
 * would have answered; a tool reports it to the agent as an error result.
 */
public final class MemoryException extends RuntimeException {

    private final int status;
    private final String title;

    public MemoryException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    /** The HTTP status the REST API answers for it. */
    public int status() {
        return status;
    }

    /** The problem's short title, such as "invalid input". */
    public String title() {
        return title;
    }

    /** What was wrong, naming the field where one was. */
    public String detail() {
        return getMessage();
    }
}
