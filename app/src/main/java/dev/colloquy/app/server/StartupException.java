package dev.colloquy.app.server;

/** Startup cannot go on; the message says why and what to do, and the exit code is the CLI's. */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Exit code: the database could not be reached or used. */
    public static final int DATABASE_UNREACHABLE = 3;

    private final int exitCode;

    public StartupException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
