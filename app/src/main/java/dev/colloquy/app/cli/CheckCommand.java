package dev.colloquy.app.cli;

import dev.colloquy.persistence.config.MigrateMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check connectivity and the schema; exit 0 only when the database is ready. Changes nothing.")
public class CheckCommand implements Callable<Integer>, DatabaseOptions.User {

    @ParentCommand
    ColloquyCommand parent;

    @Mixin
    DatabaseOptions database;

    @Override
    public DatabaseOptions databaseOptions() {
        return database;
    }

    @Override
    public Integer call() {
        var environment = parent.environment;
        var settings = Launch.settings(environment, database.values);
        var resolved = Launch.withMigrate(Launch.database(settings), MigrateMode.OFF);
        try (var db = Launch.open(resolved, settings)) {
            var schema = db.schema();
            var out = environment.out();
            out.println("Backend:        " + resolved.backend().name());
            out.println("Database:       " + resolved.target().location());
            out.println("Connectivity:   " + (db.ping(5) ? "ok" : "no answer within 5s"));
            out.println("Schema version: " + schema.current().orElse("none") + " (this build knows " + schema.latest()
                    + ")");
            out.println(
                    "Pending:        " + (schema.pending().isEmpty() ? "none" : String.join(", ", schema.pending())));
            boolean ready = schema.isCurrent();
            out.println(ready ? "Ready" : "Not ready: run 'colloquy migrate'");
            return ready ? 0 : ColloquyCommand.FAILURE;
        }
    }
}
