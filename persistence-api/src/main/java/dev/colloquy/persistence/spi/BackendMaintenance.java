package dev.colloquy.persistence.spi;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** What keeps a backend's database in shape while it runs: space, job locks and backups. */
public interface BackendMaintenance {

    /** Returns freed space to the file system after large deletes, where the database needs that. */
    default void reclaimSpace(DataSource writer) throws SQLException {}

    /**
     * A lock for a job that one instance at a time may run on this database (the retention
     * purge), taken without waiting: empty when another instance holds it. Close it when done.
     */
    default Optional<AutoCloseable> tryJobLock(ConnectionTarget target, DataSource writer, String job) {
        return Optional.of(() -> {});
    }

    /** The database's size on disk in bytes, from the database's own cheap counters; empty when it cannot tell. */
    default java.util.OptionalLong sizeBytes(DataSource reader) throws SQLException {
        return java.util.OptionalLong.empty();
    }

    /**
     * The space left for the database on its file system, in bytes, where the database is a
     * file Colloquy can see; empty otherwise (a server's disk is the server's business).
     */
    default java.util.OptionalLong freeBytes(DataSource reader) throws SQLException {
        return java.util.OptionalLong.empty();
    }

    /** Colloquy's own online backup of this database; empty where the database's own tools do it. */
    default Optional<Backup> backup() {
        return Optional.empty();
    }

    /** How this database is backed up when it has no {@link #backup()}: the tool to use instead. */
    default String backupAdvice() {
        return "back the database up with its own tools";
    }

    /** A consistent copy of the live database, written to a new file while it runs. */
    @FunctionalInterface
    interface Backup {
        void write(DataSource writer, Path target) throws SQLException;
    }
}
