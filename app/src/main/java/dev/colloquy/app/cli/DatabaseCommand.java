package dev.colloquy.app.cli;

import dev.colloquy.app.server.Startup;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.config.Settings;

/** A command that opens a database: it takes the database flags and reads its settings the one way. */
abstract class DatabaseCommand extends Subcommand {

    /** Its flags are added to each command when the command line is built (ColloquyCommand). */
    final DatabaseOptions database = new DatabaseOptions();

    /** The settings: flags, then system properties, then the environment. */
    Settings settings() {
        return Startup.settings(environment(), database.values);
    }

    /** Opens the database as the settings say, waiting for it as startup does. */
    Database open() {
        var settings = settings();
        return Startup.open(Startup.database(settings), settings);
    }

    /** Opens it as {@link #open()} does, with the project and token stores only. */
    Database openForAdministration() {
        return Startup.openForAdministration(settings());
    }
}
