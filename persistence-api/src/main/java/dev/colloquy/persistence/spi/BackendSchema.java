package dev.colloquy.persistence.spi;

import jakarta.persistence.spi.PersistenceProvider;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** A backend's schema: its migrations and what its persistence unit adds to the shared one. */
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

    PersistenceProvider persistenceProvider();

    /** The provider's properties this database needs beyond the shared ones (its dialect, say). */
    default Map<String, Object> persistenceProperties() {
        return Map.of();
    }

    /** The mapping file that holds this backend's named native queries. */
    String mappingFile();
}
