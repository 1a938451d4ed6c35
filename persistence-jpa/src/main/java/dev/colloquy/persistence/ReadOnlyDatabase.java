package dev.colloquy.persistence;

import dev.colloquy.persistence.spi.DataSources;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * What search by meaning holds, read with plain SQL of both schemas (version 7 or later): the
     * vectors stored per model, and the messages of {@code model} still waiting for one (those of
     * projects that opted out not counted, as the indexer counts them).
     *
     * @param vectorsByModel vectors stored, per model name
     * @param waiting messages without a vector of the model
     * @param projectsOptedOut projects whose messages are not embedded
     * @param inconsistent vectors whose row disagrees with their message (its conversation, its
     *     project, role or time, copied into the row when the vector is claimed) or whose length is
     *     not their dimensions' 4 bytes each: 0 unless the database was changed by hand or damaged
     */
    public record SemanticCounts(
            Map<String, Long> vectorsByModel, long waiting, long projectsOptedOut, long inconsistent) {}

    public SemanticCounts semantic(String model) {
        try (Connection connection = dataSources.reader().getConnection()) {
            var vectors = new TreeMap<String, Long>();
            try (var statement = connection.prepareStatement(
                            "SELECT model, count(*) FROM message_embedding WHERE vector IS NOT NULL GROUP BY model");
                    var rows = statement.executeQuery()) {
                while (rows.next()) {
                    vectors.put(rows.getString(1), rows.getLong(2));
                }
            }
            long waiting;
            try (var statement = connection.prepareStatement("SELECT count(*) FROM message m"
                    + " JOIN conversation c ON c.id = m.conversation_id JOIN project p ON p.id = c.project_id"
                    + " WHERE p.semantic_search = ? AND NOT EXISTS (SELECT 1 FROM message_embedding e"
                    + " WHERE e.message_id = m.id AND e.model = ? AND e.vector IS NOT NULL)")) {
                statement.setBoolean(1, true);
                statement.setString(2, model);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    waiting = rows.getLong(1);
                }
            }
            long optedOut;
            try (var statement =
                    connection.prepareStatement("SELECT count(*) FROM project WHERE semantic_search = ?")) {
                statement.setBoolean(1, false);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    optedOut = rows.getLong(1);
                }
            }
            long inconsistent;
            try (var statement = connection.prepareStatement("SELECT count(*) FROM message_embedding e"
                            + " JOIN message m ON m.id = e.message_id JOIN conversation c ON c.id = m.conversation_id"
                            + " WHERE e.vector IS NOT NULL AND (e.conversation_id <> m.conversation_id"
                            + " OR e.project_id <> c.project_id OR e.role <> m.role OR e.created_at <> m.created_at"
                            + " OR length(e.vector) <> 4 * e.dimensions)");
                    var rows = statement.executeQuery()) {
                rows.next();
                inconsistent = rows.getLong(1);
            }
            return new SemanticCounts(vectors, waiting, optedOut, inconsistent);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the vectors: " + e.getMessage(), e);
        }
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
