package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.spi.BackendMaintenance;
import dev.colloquy.persistence.spi.ConnectionTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/** SQLite's upkeep: incremental vacuum, lock files for jobs, and online backups by VACUUM INTO. */
final class SqliteMaintenance implements BackendMaintenance {

    /** Returns the pages freed by deletes to the file system and truncates the write-ahead log. */
    @Override
    public void reclaimSpace(DataSource writer) throws SQLException {
        try (Connection connection = writer.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA incremental_vacuum");
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /** A lock file beside the database; a private in-memory database needs none. */
    @Override
    public Optional<AutoCloseable> tryJobLock(ConnectionTarget target, DataSource writer, String job) {
        if (target.location().equals(SqliteLocation.MEMORY)) {
            return Optional.of(() -> {});
        }
        return LockFile.tryAcquire(Path.of(target.location()), job);
    }

    @Override
    public Optional<Backup> backup() {
        return Optional.of(SqliteMaintenance::vacuumInto);
    }

    /**
     * {@code VACUUM INTO}: an online, consistent copy of the live file, taken while readers and
     * the writer go on. The copy's search indexes are then checked, and rebuilt should a row id
     * have moved in the copy (they are keyed by row id).
     */
    private static void vacuumInto(DataSource writer, Path target) throws SQLException {
        Path absolute = target.toAbsolutePath().normalize();
        SqliteConnections.createParentFolders(absolute);
        try (Connection connection = writer.getConnection();
                var statement = connection.prepareStatement("VACUUM INTO ?")) {
            statement.setString(1, absolute.toString());
            statement.execute();
        }
        try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + absolute)) {
            // VACUUM INTO writes a rollback-journal file; the copy gets the live file's mode. The
            // statement is closed before the next: its open result would keep a commit from ending.
            try (Statement statement = copy.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
            }
            if (!Fts5Index.consistent(copy)) {
                Fts5Index.rebuild(copy);
            }
        }
    }

    /** The main file's pages (page_count × page_size), which the database keeps without reading a table. */
    @Override
    public java.util.OptionalLong sizeBytes(DataSource reader) throws SQLException {
        try (var connection = reader.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")) {
            return rows.next() ? java.util.OptionalLong.of(rows.getLong(1)) : java.util.OptionalLong.empty();
        }
    }

    /** The usable space of the file system that holds the main database file. */
    @Override
    public java.util.OptionalLong freeBytes(DataSource reader) throws SQLException {
        try (var connection = reader.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT file FROM pragma_database_list WHERE name = 'main'")) {
            if (!rows.next() || rows.getString(1) == null || rows.getString(1).isEmpty()) {
                return java.util.OptionalLong.empty(); // in memory
            }
            var file = java.nio.file.Path.of(rows.getString(1));
            return java.util.OptionalLong.of(
                    java.nio.file.Files.getFileStore(file).getUsableSpace());
        } catch (java.io.IOException e) {
            return java.util.OptionalLong.empty();
        }
    }
}
