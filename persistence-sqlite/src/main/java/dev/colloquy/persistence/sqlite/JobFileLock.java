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
 * A job that one process at a time may run on a SQLite file (the retention purge): a lock file
 * beside the database, taken without waiting, and a permit for the processes' own threads (a
 * file lock is held per process, not per thread).
 */
final class JobFileLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Semaphore local;
    private final FileChannel channel;
    private final FileLock lock;

    private JobFileLock(Semaphore local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or nothing when another holds it. */
    static Optional<AutoCloseable> tryAcquire(Path database, String job) {
        Path lockFile = database.resolveSibling(database.getFileName() + "." + job + "-lock");
        Semaphore local = IN_PROCESS.computeIfAbsent(lockFile, p -> new Semaphore(1));
        if (!local.tryAcquire()) {
            return Optional.empty();
        }
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                local.release();
                return Optional.empty();
            }
            return Optional.of(new JobFileLock(local, channel, lock));
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
