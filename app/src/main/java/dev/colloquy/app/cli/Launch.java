package dev.colloquy.app.cli;

import dev.colloquy.app.config.AppSettings;
import dev.colloquy.app.config.Environment;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.server.DatabaseStarter;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.MigrateMode;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.persistence.spi.Backends;
import java.time.Clock;
import java.util.Map;

/** Resolves a command's settings and opens its database. */
final class Launch {

    private Launch() {}

    static Settings settings(Environment environment, Map<String, String> flags) {
        return AppSettings.merge(flags, environment.systemProperties(), environment.variables());
    }

    static DatabaseSettings database(Settings settings) {
        return DatabaseSettings.resolve(settings, Backends.installed());
    }

    static Database open(Settings settings) {
        return open(database(settings), settings);
    }

    static Database open(DatabaseSettings database, Settings settings) {
        return DatabaseStarter.open(database, Clock.systemUTC(), ServerSettings.limits(settings));
    }

    /** Opens the database for project and token administration only (a faster start, see Database.Scope). */
    static Database openForAdministration(Settings settings) {
        var limits = ServerSettings.limits(settings);
        return DatabaseStarter.open(
                database(settings), s -> Database.open(s, Clock.systemUTC(), limits, Database.Scope.ADMINISTRATION));
    }

    static DatabaseSettings withMigrate(DatabaseSettings settings, MigrateMode mode) {
        return new DatabaseSettings(
                settings.backend(), settings.target(), settings.pool(), settings.startupTimeout(), mode);
    }
}
