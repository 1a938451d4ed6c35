package dev.colloquy.persistence.spi;

import javax.sql.DataSource;

/**
 * The connections a backend hands out: one source for units of work that write and one for those
 * that only read. A backend whose database takes concurrent writers returns the same pool twice.
 */
public record DataSources(DataSource writer, DataSource reader, AutoCloseable closer) implements AutoCloseable {

    @Override
    public void close() throws Exception {
        closer.close();
    }

    /**
     * Whether a reader connection answers a validity check within {@code seconds}, waiting for a
     * pooled connection no longer than that either.
     */
    public boolean readerAnswers(int seconds) {
        var check = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (var connection = reader.getConnection()) {
                return connection.isValid(seconds);
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
        try {
            return check.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes the pools after {@code failure}, which keeps any error of the closing as suppressed. */
    public void closeAfter(Exception failure) {
        try {
            close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
