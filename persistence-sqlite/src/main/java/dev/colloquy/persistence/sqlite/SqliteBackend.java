package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.spi.BackendConnections;
import dev.colloquy.persistence.spi.BackendMaintenance;
import dev.colloquy.persistence.spi.BackendSchema;
import dev.colloquy.persistence.spi.BackendSearch;
import dev.colloquy.persistence.spi.DatabaseBackend;
import dev.colloquy.persistence.spi.Failure;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite: an embedded file, the zero-configuration default. Its pools are described in {@link
 * SqliteConnections}.
 */
public final class SqliteBackend implements DatabaseBackend {

    public static final String DATABASE_PATH = SqliteConnections.DATABASE_PATH;
    public static final String SQLITE_SYNCHRONOUS = Synchronous.SETTING;

    private final SqliteConnections connections = new SqliteConnections();
    private final SqliteSchema schema = new SqliteSchema();
    private final Fts5Index search = new Fts5Index();
    private final SqliteMaintenance maintenance = new SqliteMaintenance();

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String productName() {
        return "SQLite";
    }

    @Override
    public boolean isDefault() {
        return true;
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

    @Override
    public Failure classify(SQLException error) {
        if (error instanceof SQLTransientConnectionException) {
            // The one writer connection stayed taken for the busy timeout (writes are queued no
            // longer than a lock is waited for), or every reader for DB_POOL_CONNECT_TIMEOUT.
            return Failure.OVERLOADED;
        }
        var resultCode = SqliteErrors.resultCode(error);
        if (resultCode.isEmpty()) {
            return Failure.OTHER;
        }
        SQLiteErrorCode code = resultCode.get();
        return switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> Failure.UNIQUE_VIOLATION;
            case SQLITE_CONSTRAINT_FOREIGNKEY -> Failure.FOREIGN_KEY_VIOLATION;
            // Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, ...) by their primary code.
            default ->
                switch (code.code & 0xff) {
                    case PRIMARY_BUSY, PRIMARY_LOCKED -> Failure.BUSY;
                    case PRIMARY_READONLY -> Failure.READ_ONLY;
                    case PRIMARY_IOERR, PRIMARY_FULL -> Failure.STORAGE;
                    case PRIMARY_CANTOPEN -> Failure.CONNECTION;
                    default -> Failure.OTHER;
                };
        };
    }

    // SQLite's primary result codes (sqlite3.h), the low byte of every extended one.
    private static final int PRIMARY_BUSY = 5;
    private static final int PRIMARY_LOCKED = 6;
    private static final int PRIMARY_READONLY = 8;
    private static final int PRIMARY_IOERR = 10;
    private static final int PRIMARY_FULL = 13;
    private static final int PRIMARY_CANTOPEN = 14;
}
