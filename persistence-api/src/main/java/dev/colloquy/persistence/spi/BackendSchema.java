package dev.colloquy.persistence.spi;

import java.sql.SQLException;
import javax.sql.DataSource;

/** A backend's schema: its migrations, and the persistence unit that completes the shared one. */
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
     * its provider, its mapping file (the named native queries written for this database) and its
     * properties, which the shared unit {@code colloquy} is completed with.
     */
    String persistenceUnit();
}
