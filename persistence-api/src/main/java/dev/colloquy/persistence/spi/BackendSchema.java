package dev.colloquy.persistence.spi;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A backend's schema: its migrations, the persistence unit that completes the shared one, and the
 * native queries written for its SQL.
 */
public interface BackendSchema {

    /** Prepares a database before its first migration (settings that must precede the first table). */
    default void prepare(DataSource writer) throws SQLException {}

    /**
     * A lock held while migrating, for databases without a migration lock of their own. Closing it
     * releases it.
     */
    default AutoCloseable migrationLock(ConnectionTarget target) {
        return () -> {};
    }

    /** The Flyway location of this backend's migrations. */
    String migrationLocation();

    /**
     * The name of this backend's persistence unit, declared in its {@code META-INF/persistence.xml}:
     * its provider and its properties, which the shared unit {@code colloquy} is completed with.
     */
    String persistenceUnit();

    /**
     * The SQL of {@code query} for this database, with the parameters and the meaning {@link
     * NativeQuery} gives it.
     */
    String sql(NativeQuery query);

    /**
     * The column type of the JSON columns (the metadata of conversations and messages), when the
     * database has one of its own; empty where JSON is stored as text.
     */
    default Optional<String> jsonColumnType() {
        return Optional.empty();
    }
}
