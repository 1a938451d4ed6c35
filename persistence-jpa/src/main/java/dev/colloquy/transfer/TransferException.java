package dev.colloquy.transfer;

/** A copy, verification, export or import could not go on; the message says where and why. */
public final class TransferException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
