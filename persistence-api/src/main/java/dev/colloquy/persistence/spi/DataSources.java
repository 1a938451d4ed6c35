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
}
