package dev.colloquy.app.cli;

import dev.colloquy.app.config.Environment;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.config.Settings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that opens a database: it takes the database flags and reads its settings the one way. */
abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    /** Where the command reads its settings from and writes its output to. */
    abstract Environment environment();

    /** The settings: flags, then system properties, then the environment. */
    Settings settings() {
        return Launch.settings(environment(), database.values);
    }

    /** Opens the database as the settings say, waiting for it as startup does. */
    Database open() {
        return Launch.open(settings());
    }

    /** Opens it as {@link #open()} does, with the project and token stores only. */
    Database openForAdministration() {
        return Launch.openForAdministration(settings());
    }
}
