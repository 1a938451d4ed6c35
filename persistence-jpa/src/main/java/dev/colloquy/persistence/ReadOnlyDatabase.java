package dev.colloquy.persistence;

import dev.colloquy.persistence.spi.DataSources;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database opened only to be read, below the mapping: the source of a copy, either side of a
 * verification. Its connections cannot write, no migration runs and nothing is created; the
 * schema version is read so that callers can refuse a database at another version.
 */
public final class ReadOnlyDatabase implements AutoCloseable {

    private final DatabaseSettings settings;
    private final DataSources dataSources;
    private final SchemaStatus schema;

    private ReadOnlyDatabase(DatabaseSettings settings, DataSources dataSources, SchemaStatus schema) {
        this.settings = settings;
        this.dataSources = dataSources;
        this.schema = schema;
    }

    public static ReadOnlyDatabase open(DatabaseSettings settings) {
        ServerDataSources.refuse(settings);
        var backend = settings.backend();
        DataSources dataSources = backend.connections().openReadOnly(settings.target(), settings.pool());
        try {
            try (Connection connection = dataSources.reader().getConnection()) {
                backend.connections().verifySession(connection, settings.target());
            }
            var schema = new Migrator(backend, settings.target(), dataSources.reader()).status();
            return new ReadOnlyDatabase(settings, dataSources, schema);
        } catch (SQLException e) {
            dataSources.closeAfter(e);
            throw new IllegalStateException(
                    "could not read the " + backend.productName() + " database at "
                            + settings.target().location() + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            dataSources.closeAfter(e);
            throw e;
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public DataSources dataSources() {
        return dataSources;
    }

    /** The schema's state when the database was opened. */
    public SchemaStatus schema() {
        return schema;
    }

    @Override
    public void close() {
        try {
            dataSources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the read-only pool failed: " + e.getMessage(), e);
        }
    }
}
