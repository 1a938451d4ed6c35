package dev.colloquy.persistence.spi;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The connections a backend hands out: one source for units of work that write and one for those
 * that only read. A backend whose database takes concurrent writers returns the same pool twice.
 */
public record DataSources(DataSource writer, DataSource reader, AutoCloseable closer, List<PoolGauge> pools)
        implements AutoCloseable {

    public DataSources {
        pools = List.copyOf(pools);
    }

    /** Sources whose pools are not the backend's own (an application server's), or not measured. */
    public DataSources(DataSource writer, DataSource reader, AutoCloseable closer) {
        this(writer, reader, closer, List.of());
    }

    /** The same sources, with what their pools hold. */
    public DataSources withPools(List<PoolGauge> gauges) {
        return new DataSources(writer, reader, closer, gauges);
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }

    /**
     * Whether a reader connection answers a validity check within {@code seconds}, waiting for a
     * pooled connection no longer than that either.
     */
    public boolean readerAnswers(int seconds) {
        var check = CompletableFuture.supplyAsync(() -> {
            try (var connection = reader.getConnection()) {
                return connection.isValid(seconds);
            } catch (SQLException e) {
                return false;
            }
        });
        try {
            return check.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
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
