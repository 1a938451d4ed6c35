package dev.colloquy.app.cli;

import dev.colloquy.app.config.Environment;
import dev.colloquy.app.server.DatabaseStarter;
import dev.colloquy.app.server.Startup;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.ReadOnlyDatabase;
import dev.colloquy.persistence.SchemaException;
import dev.colloquy.persistence.SchemaStatus;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The databases a transfer command names by URL (--from, --to): each is read from its URL alone,
 * so the settings of the configured database (DATABASE_PATH, PG* variables) do not mix in; the
 * startup timeout and pool settings still come from flags, properties and environment.
 */
final class TransferDatabases {

    private static final List<String> SHARED = List.of(
            DatabaseSettings.DB_STARTUP_TIMEOUT,
            "DB_POOL_MAX_SIZE",
            "DB_POOL_MIN_IDLE",
            "DB_POOL_CONNECT_TIMEOUT",
            "DB_POOL_MAX_LIFETIME");

    private TransferDatabases() {}

    static DatabaseSettings settings(Environment environment, String flag, String url) {
        Settings all = Startup.settings(environment, Map.of());
        var values = new HashMap<String, String>();
        for (String name : SHARED) {
            all.get(name).ifPresent(value -> values.put(name, value));
        }
        values.put(DatabaseSettings.DATABASE_URL, url);
        try {
            return Startup.database(Settings.of(values));
        } catch (ConfigurationException e) {
            if (e.setting().equals(DatabaseSettings.DATABASE_URL)) {
                throw new ConfigurationException(flag, e.problem());
            }
            throw e;
        }
    }

    /** The settings besides the database's: limits, pool, timeouts. */
    static Settings sharedSettings(Environment environment) {
        return Startup.settings(environment, Map.of());
    }

    static void refuseSame(DatabaseSettings from, DatabaseSettings to) {
        if (from.backend().name().equals(to.backend().name())
                && from.target().location().equals(to.target().location())) {
            throw new ConfigurationException(
                    "--to", "names the same database as --from (" + to.target().location() + "); name another one");
        }
    }

    /** Opens a database to read, waiting for it as startup does. */
    static ReadOnlyDatabase openReadOnly(DatabaseSettings settings) {
        return DatabaseStarter.open(settings, ReadOnlyDatabase::open);
    }

    /**
     * Refuses a database whose schema is not this build's: the transfer reads and writes the
     * columns of this build's schema only.
     */
    static void requireCurrent(String flag, DatabaseSettings settings, SchemaStatus schema) {
        if (schema.newerThanBuild()) {
            throw new SchemaException("the database of " + flag + " ("
                    + settings.target().location() + ") has schema version "
                    + schema.current().orElse("?")
                    + ", newer than this build's " + schema.latest() + "; use a build of Colloquy that knows it");
        }
        if (!schema.isCurrent()) {
            throw new SchemaException("the database of " + flag + " ("
                    + settings.target().location() + ") has schema version "
                    + schema.current().orElse("none")
                    + ", this build " + schema.latest() + "; migrate it first (colloquy migrate --database-url ...),"
                    + " as this command never writes it");
        }
    }
}
