package dev.colloquy.persistence.postgres;

import dev.colloquy.persistence.spi.BackendConnections;
import dev.colloquy.persistence.spi.BackendMaintenance;
import dev.colloquy.persistence.spi.BackendSchema;
import dev.colloquy.persistence.spi.BackendSearch;
import dev.colloquy.persistence.spi.ConnectionTarget;
import dev.colloquy.persistence.spi.DatabaseBackend;
import dev.colloquy.persistence.spi.Failure;
import dev.colloquy.persistence.spi.NativeQuery;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * PostgreSQL: for production, many concurrent writers and several Colloquy instances. One pool
 * serves reads and writes alike ({@link PostgresConnections}).
 */
public final class PostgresBackend implements DatabaseBackend {

    public static final String POSTGRES_LOCK_TIMEOUT = PostgresConnections.POSTGRES_LOCK_TIMEOUT;
    public static final String POSTGRES_STATEMENT_TIMEOUT = PostgresConnections.POSTGRES_STATEMENT_TIMEOUT;

    private final PostgresConnections connections = new PostgresConnections();
    private final BackendSchema schema = new Schema();
    private final TsVectorIndex search = new TsVectorIndex();
    private final PostgresMaintenance maintenance = new PostgresMaintenance();

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String productName() {
        return "PostgreSQL";
    }

    @Override
    public String telemetryName() {
        return "postgresql";
    }

    @Override
    public boolean isDefault() {
        return false;
    }

    @Override
    public BackendConnections connections() {
        return connections;
    }

    @Override
    public BackendSchema schema() {
        return schema;
    }

    @Override
    public BackendSearch search() {
        return search;
    }

    @Override
    public BackendMaintenance maintenance() {
        return maintenance;
    }

    /**
     * Nothing precedes the first migration, and Flyway serializes concurrent migrations with an
     * advisory lock of its own, held for all pending migrations at once (they are applied as one
     * group, see Migrator): the defaults serve.
     */
    private static final class Schema implements BackendSchema {
        @Override
        public String migrationLocation() {
            return "classpath:db/colloquy/postgres";
        }

        /** Hibernate's PostgreSQL dialect, found from the connection (META-INF/persistence.xml). */
        @Override
        public String persistenceUnit() {
            return "colloquy-postgres";
        }

        @Override
        public String sql(NativeQuery query) {
            return PostgresQueries.sql(query);
        }

        /** Metadata is stored as jsonb (indexable, validated by the database). */
        @Override
        public Optional<String> jsonColumnType() {
            return Optional.of("jsonb");
        }
    }

    @Override
    public Failure classify(SQLException error) {
        if (error instanceof SQLTransientConnectionException && error.getSQLState() == null) {
            // No connection came free in time, and none failed to open (the pool would carry that
            // failure's state): every connection is busy.
            return Failure.OVERLOADED;
        }
        String state = error.getSQLState();
        if (state == null) {
            return Failure.OTHER;
        }
        return switch (state) {
            case "40001", "40P01" -> Failure.SERIALIZATION;
            case "55P03" -> Failure.BUSY;
            case "23505" -> Failure.UNIQUE_VIOLATION;
            case "23503" -> Failure.FOREIGN_KEY_VIOLATION;
            case "28P01", "28000" -> Failure.AUTHENTICATION;
            case "3D000" -> Failure.MISSING_DATABASE;
            case "25006" -> Failure.READ_ONLY; // a read-only transaction or a hot standby
            case "53100", "58030" -> Failure.STORAGE; // disk full, I/O error
            case "57014" -> Failure.TIMEOUT; // a statement timeout (or a cancel)
            case "57P01", "57P02", "57P03" -> Failure.CONNECTION;
            default -> state.startsWith("08") ? Failure.CONNECTION : Failure.OTHER;
        };
    }

    @Override
    public Optional<String> advice(Failure failure, ConnectionTarget target) {
        return switch (failure) {
            case AUTHENTICATION -> Optional.of("check the credentials in DATABASE_URL or PGUSER/PGPASSWORD");
            case MISSING_DATABASE ->
                Optional.of("create it (for example: createdb "
                        + target.location().substring(target.location().lastIndexOf('/') + 1)
                        + ") or point DATABASE_URL at an existing one");
            default -> Optional.empty();
        };
    }
}
