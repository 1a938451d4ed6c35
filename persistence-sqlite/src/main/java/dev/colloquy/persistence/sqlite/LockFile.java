package dev.colloquy.persistence.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A lock file beside a SQLite database ({@code colloquy.db.migrate-lock}, {@code
 * colloquy.db.retention-lock}) for work that one process at a time may do on it: migrating
 * (SQLite has no migration lock of its own; Flyway's PostgreSQL support takes an advisory lock)
 * and the jobs of {@code tryJobLock}. An OS file lock is held per process, not per thread, so a
 * permit per lock file makes the process's own threads take turns too. Not reentrant.
 */
final class LockFile implements AutoCloseable {

    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Semaphore local;
    private final FileChannel channel;
    private final FileLock lock;

    private LockFile(Semaphore local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock of {@code purpose} on {@code database}. */
    static LockFile acquire(Path database, String purpose) {
        return take(database, purpose, true).orElseThrow();
    }

    /** The lock of {@code purpose} on {@code database}, or nothing when another holds it. */
    static Optional<AutoCloseable> tryAcquire(Path database, String purpose) {
        return take(database, purpose, false).map(AutoCloseable.class::cast);
    }

    private static Optional<LockFile> take(Path database, String purpose, boolean wait) {
        Path lockFile = database.resolveSibling(database.getFileName() + "." + purpose + "-lock");
        Semaphore local = IN_PROCESS.computeIfAbsent(lockFile, p -> new Semaphore(1));
        if (wait) {
            local.acquireUninterruptibly();
        } else if (!local.tryAcquire()) {
            return Optional.empty();
        }
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = wait ? channel.lock() : channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                local.release();
                return Optional.empty();
            }
            return Optional.of(new LockFile(local, channel, lock));
        } catch (IOException e) {
            local.release();
            throw new UncheckedIOException("could not lock " + lockFile, e);
        } catch (RuntimeException e) {
            local.release();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.release();
        }
    }
}
