package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.spi.BackendSchema;
import dev.colloquy.persistence.spi.ConnectionTarget;
import dev.colloquy.persistence.spi.NativeQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** SQLite's migrations, their lock file, its persistence unit and its native queries. */
final class SqliteSchema implements BackendSchema {

    /** Incremental auto-vacuum must be chosen before the first table exists. */
    @Override
    public void prepare(DataSource writer) throws SQLException {
        try (Connection connection = writer.getConnection();
                Statement statement = connection.createStatement()) {
            if ("0".equals(SqliteConnections.pragma(connection, "page_count")) || !tableExists(connection)) {
                statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
                if (!"2".equals(SqliteConnections.pragma(connection, "auto_vacuum"))) {
                    statement.execute("VACUUM");
                }
            }
        }
    }

    private static boolean tableExists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return rows.next() && rows.getInt(1) > 0;
        }
    }

    /** A lock file beside the database (SQLite has no migration lock); a private in-memory one needs none. */
    @Override
    public AutoCloseable migrationLock(ConnectionTarget target) {
        if (target.location().equals(SqliteLocation.MEMORY)) {
            return () -> {};
        }
        return LockFile.acquire(Path.of(target.location()), "migrate");
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/colloquy/sqlite";
    }

    /** Hibernate's community dialect (META-INF/persistence.xml). */
    @Override
    public String persistenceUnit() {
        return "colloquy-sqlite";
    }

    @Override
    public String sql(NativeQuery query) {
        return SqliteQueries.sql(query);
    }
}
