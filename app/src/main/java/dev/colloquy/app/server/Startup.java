package dev.colloquy.app.server;

import dev.colloquy.app.config.AppSettings;
import dev.colloquy.app.config.Environment;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.persistence.spi.Backends;
import java.time.Clock;
import java.util.Map;

/**
 * The first steps of every start, written once for the server, the WAR and every command:
 * settings (flags, then system properties, then environment variables), the database settings
 * they name, and the database opened as startup opens it (waiting and advising, see {@link
 * DatabaseStarter}). What runs around the open database is {@link RunningService}.
 */
public final class Startup {

    private Startup() {}

    /** The settings: {@code flags} first, then the environment's system properties, then its variables. */
    public static Settings settings(Environment environment, Map<String, String> flags) {
        return AppSettings.merge(flags, environment.systemProperties(), environment.variables());
    }

    /** The database the settings name, on one of the installed backends. */
    public static DatabaseSettings database(Settings settings) {
        return DatabaseSettings.resolve(settings, Backends.installed());
    }

    /** Opens the database with every store, with the limits the settings give. */
    public static Database open(DatabaseSettings database, Settings settings) {
        return DatabaseStarter.open(database, Clock.systemUTC(), ServerSettings.limits(settings));
    }

    /** Opens the database for project and token administration only (a faster start, see Database.Scope). */
    public static Database openForAdministration(Settings settings) {
        var limits = ServerSettings.limits(settings);
        return DatabaseStarter.open(
                database(settings), s -> Database.open(s, Clock.systemUTC(), limits, Database.Scope.ADMINISTRATION));
    }
}
