package dev.colloquy.client;

/**
 * The server could not be reached or did not answer in time, after the retries that were safe.
 * A write that failed this way may or may not have been applied, unless it was sent with an
 * idempotency key (the client's appends, replaces and creates are), whose retry is safe.
 */
public class ColloquyTransportException extends ColloquyException {

    public ColloquyTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
