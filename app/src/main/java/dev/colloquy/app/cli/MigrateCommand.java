package dev.colloquy.app.cli;

import dev.colloquy.persistence.config.MigrateMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Apply pending schema migrations, or list them with --info.")
public class MigrateCommand implements Callable<Integer>, DatabaseOptions.User {

    @ParentCommand
    ColloquyCommand parent;

    @Mixin
    DatabaseOptions database;

    @Override
    public DatabaseOptions databaseOptions() {
        return database;
    }

    @Option(names = "--info", description = "list applied and pending migrations; change nothing")
    boolean info;

    @Override
    public Integer call() {
        var environment = parent.environment;
        var settings = Launch.settings(environment, database.values);
        var resolved = Launch.withMigrate(Launch.database(settings), info ? MigrateMode.OFF : MigrateMode.AUTO);
        try (var db = Launch.open(resolved, settings)) {
            var out = environment.out();
            if (info) {
                out.printf("%-10s %-32s %-10s %s%n", "VERSION", "DESCRIPTION", "STATE", "INSTALLED");
                for (var row : db.migrations()) {
                    out.printf(
                            "%-10s %-32s %-10s %s%n",
                            row.version(),
                            row.description(),
                            row.state(),
                            row.installedOn().map(Object::toString).orElse("-"));
                }
            }
            var schema = db.schema();
            out.println("Schema version " + schema.current().orElse("none")
                    + (schema.pending().isEmpty() ? ", up to date" : ", pending " + schema.pending()));
            return 0;
        }
    }
}
