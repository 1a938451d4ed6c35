package dev.colloquy.persistence;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Start-up work run on a daemon thread of its own while the caller does other start-up work
 * (Hibernate's boot beside the migration, the database opening beside CDI and Jersey).
 */
public final class StartupTask<T> {

    private final CompletableFuture<T> result;

    private StartupTask(CompletableFuture<T> result) {
        this.result = result;
    }

    public static <T> StartupTask<T> start(String threadName, Supplier<T> work) {
        var result = new CompletableFuture<T>();
        var thread = new Thread(
                () -> {
                    try {
                        result.complete(work.get());
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                },
                threadName);
        thread.setDaemon(true);
        thread.start();
        return new StartupTask<>(result);
    }

    /** A task whose result is already there. */
    public static <T> StartupTask<T> done(T value) {
        return new StartupTask<>(CompletableFuture.completedFuture(value));
    }

    /** Waits for the result; the work's own failure is thrown as it was thrown. */
    public T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The caller gave up on it: {@code release} gets the result whenever it comes; a failure is dropped. */
    public void abandon(Consumer<T> release) {
        result.whenComplete((value, error) -> {
            if (value != null) {
                release.accept(value);
            }
        });
    }
}
