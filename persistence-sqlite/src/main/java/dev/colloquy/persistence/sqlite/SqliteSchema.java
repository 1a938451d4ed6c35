package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.spi.BackendSchema;
import dev.colloquy.persistence.spi.ConnectionTarget;
import jakarta.persistence.spi.PersistenceProvider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/** SQLite's migrations, their lock file, and Hibernate's community dialect. */
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
        return MigrationFileLock.acquire(Path.of(target.location()));
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/colloquy/sqlite";
    }

    @Override
    public PersistenceProvider persistenceProvider() {
        return new HibernatePersistenceProvider();
    }

    @Override
    public Map<String, Object> persistenceProperties() {
        return Map.of(
                "hibernate.dialect", "org.hibernate.community.dialect.SQLiteDialect",
                // FTS5's shadow tables have untyped columns that Hibernate's grouped metadata
                // extraction cannot read (Hibernate 7.4); reading the mapped tables one by one skips them.
                "hibernate.hbm2ddl.jdbc_metadata_extraction_strategy", "individually");
    }

    @Override
    public String mappingFile() {
        return "META-INF/colloquy/sqlite-orm.xml";
    }
}
