package dev.colloquy.app.cli;

import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.transfer.Importer;
import dev.colloquy.transfer.Side;
import dev.colloquy.transfer.TransferException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Read an export (JSON Lines) into the database: each conversation arrives whole with its messages, or"
                    + " not at all. Rows that exist already are refused, naming the line.",
            "Reads standard input unless --input is given."
        })
public class ImportCommand extends DatabaseCommand {

    @Option(names = "--input", paramLabel = "FILE", description = "read this file instead of standard input")
    Path input;

    @Mixin
    ProgressMetricsOptions metrics = new ProgressMetricsOptions();

    @Override
    public Integer call() {
        var environment = environment();
        metrics.check();
        try (var db = open();
                BufferedReader reader = reader();
                var progress = metrics.start("import", environment)) {
            var importer = new Importer(Side.of(db));
            try {
                importer.importFrom(reader, progress);
            } catch (TransferException e) {
                environment.err().println("Import stopped: " + e.getMessage());
                environment.err().println("Imported before it: " + CountSummary.describe(importer.imported()));
                return ColloquyCommand.FAILURE;
            }
            progress.finish(true);
            environment.out().println("Imported " + CountSummary.describe(importer.imported()));
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + (input == null ? "standard input" : input), e);
        }
    }

    private BufferedReader reader() throws IOException {
        if (input == null) {
            return new BufferedReader(new InputStreamReader(environment().in(), StandardCharsets.UTF_8));
        }
        if (!Files.isRegularFile(input)) {
            throw new ConfigurationException("--input", input + " does not exist or is not a file");
        }
        return Files.newBufferedReader(input, StandardCharsets.UTF_8);
    }
}
