package dev.colloquy.app.cli;

import dev.colloquy.persistence.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = "Write a consistent copy of the live database to a new file, while the server keeps running"
                + " (where the database supports it; otherwise say which tool to use).")
public class BackupCommand extends DatabaseCommand {

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "the backup file; must not exist yet")
    Path target;

    @Override
    public Integer call() {
        var environment = environment();
        if (Files.exists(target)) {
            throw new ConfigurationException("--to", target + " exists already; choose a new file");
        }
        try (var db = open()) {
            try {
                db.backup(target);
            } catch (UnsupportedOperationException e) {
                environment.err().println(e.getMessage());
                return ColloquyCommand.FAILURE;
            }
            environment.out().println("Backed up to " + target.toAbsolutePath().normalize());
            return 0;
        }
    }
}
