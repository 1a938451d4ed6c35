package dev.colloquy.client;

/** Anything the client could not do: see {@link ColloquyProblemException} and {@link ColloquyTransportException}. */
public class ColloquyException extends RuntimeException {

    public ColloquyException(String message, Throwable cause) {
        super(message, cause);
    }
}
