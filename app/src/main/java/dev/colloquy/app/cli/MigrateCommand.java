package dev.colloquy.app.cli;

import dev.colloquy.app.server.Startup;
import dev.colloquy.persistence.config.MigrateMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Apply pending schema migrations, or list them with --info.")
public class MigrateCommand extends DatabaseCommand {

    @Option(names = "--info", description = "list applied and pending migrations; change nothing")
    boolean info;

    @Override
    public Integer call() {
        var environment = environment();
        var settings = settings();
        var resolved = Startup.database(settings).withMigrate(info ? MigrateMode.OFF : MigrateMode.AUTO);
        try (var db = Startup.open(resolved, settings)) {
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
