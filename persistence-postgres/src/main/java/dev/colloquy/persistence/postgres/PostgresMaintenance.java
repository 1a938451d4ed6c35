package dev.colloquy.persistence.postgres;

import dev.colloquy.persistence.spi.BackendMaintenance;
import dev.colloquy.persistence.spi.ConnectionTarget;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * PostgreSQL's upkeep: autovacuum returns space by itself, jobs take advisory locks, and pg_dump
 * makes backups (Colloquy has none of its own here).
 */
final class PostgresMaintenance implements BackendMaintenance {

    /**
     * A session-level advisory lock, held on a writer connection for as long as the job runs;
     * released (and the connection returned) when closed, or by the server if the process dies.
     */
    @Override
    public Optional<AutoCloseable> tryJobLock(ConnectionTarget target, DataSource writer, String job) {
        var crc = new CRC32();
        crc.update(("colloquy:" + job).getBytes(StandardCharsets.UTF_8));
        long key = crc.getValue();
        try {
            Connection connection = writer.getConnection();
            try (var statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, key);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    if (!rows.getBoolean(1)) {
                        connection.close();
                        return Optional.empty();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            return Optional.of(() -> {
                try (connection;
                        var unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, key);
                    unlock.execute();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the lock of the " + job + " job: " + e.getMessage(), e);
        }
    }

    @Override
    public String backupAdvice() {
        return "PostgreSQL databases are backed up with pg_dump, for example:"
                + " pg_dump --format=custom --file=colloquy.dump \"$DATABASE_URL\" (restore with pg_restore)";
    }

    /** pg_database_size of the current database: the server sums its files, no table is read. */
    @Override
    public java.util.OptionalLong sizeBytes(DataSource reader) throws SQLException {
        try (var connection = reader.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT pg_database_size(current_database())")) {
            return rows.next() ? java.util.OptionalLong.of(rows.getLong(1)) : java.util.OptionalLong.empty();
        }
    }
}
