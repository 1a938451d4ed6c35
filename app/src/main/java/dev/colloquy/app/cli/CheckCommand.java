package dev.colloquy.app.cli;

import dev.colloquy.persistence.config.MigrateMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check connectivity and the schema; exit 0 only when the database is ready. Changes nothing.")
public class CheckCommand extends DatabaseCommand {

    @ParentCommand
    ColloquyCommand parent;

    @Override
    Environment environment() {
        return parent.environment;
    }

    @Override
    public Integer call() {
        var environment = environment();
        var settings = settings();
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
