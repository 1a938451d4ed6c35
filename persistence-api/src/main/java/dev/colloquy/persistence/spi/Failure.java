package dev.colloquy.persistence.spi;

/** What a database error means to the application, as judged by the backend that raised it. */
public enum Failure {
    /** The database is busy (a lock is held); the same unit of work can run again. */
    BUSY,
    /** A serialization failure or deadlock; the same unit of work can run again. */
    SERIALIZATION,
    /**
     * Every pooled connection stayed in use for the pool's wait ({@code DB_POOL_CONNECT_TIMEOUT}):
     * more work than connections. Not run again: a second wait would only lengthen the queue.
     */
    OVERLOADED,
    /** The connection failed or the server went away. */
    CONNECTION,
    /** The server rejected the credentials. */
    AUTHENTICATION,
    /** The named database does not exist. */
    MISSING_DATABASE,
    /** The database refuses writes: a read-only file, folder or file system, or a read-only server. */
    READ_ONLY,
    /**
     * The database could not write to its storage: the disk or file system is full, or failed (an
     * I/O error). Not run again at once: space rarely returns within a request.
     */
    STORAGE,
    /**
     * A statement ran longer than the database allows a request's statement (a statement
     * timeout) and was stopped. Not run again: it would take as long the second time.
     */
    TIMEOUT,
    /** A unique key was violated. */
    UNIQUE_VIOLATION,
    /** A foreign key was violated. */
    FOREIGN_KEY_VIOLATION,
    /** Anything else: a bug or a broken schema. */
    OTHER;

    public boolean isRetryable() {
        return this == BUSY || this == SERIALIZATION;
    }
}
