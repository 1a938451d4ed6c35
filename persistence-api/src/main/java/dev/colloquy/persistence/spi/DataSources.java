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

    /** Closes the pools after {@code failure}, which keeps any error of the closing as suppressed. */
    public void closeAfter(Exception failure) {
        try {
            close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
