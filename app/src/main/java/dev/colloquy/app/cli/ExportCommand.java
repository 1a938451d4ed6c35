package dev.colloquy.app.cli;

import dev.colloquy.app.server.Startup;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.transfer.Exporter;
import dev.colloquy.transfer.Side;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write all data (or one project's) as JSON Lines, readable by import on either kind of database."
                    + " The database is opened read-only.",
            "The format is described in docs/export-format.md."
        })
public class ExportCommand extends DatabaseCommand {

    @Option(names = "--project", paramLabel = "NAME", description = "export only this project's data")
    String project;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "write to this file, which must not exist yet, instead of standard output")
    Path output;

    @Mixin
    ProgressMetricsOptions metrics = new ProgressMetricsOptions();

    @Override
    public Integer call() {
        var environment = environment();
        metrics.check();
        var settings = Startup.database(settings());
        if (output != null && Files.exists(output)) {
            throw new ConfigurationException("--output", output + " exists already; choose a new file");
        }
        try (var db = TransferDatabases.openReadOnly(settings);
                var progress = metrics.start("export", environment)) {
            TransferDatabases.requireCurrent("the database", settings, db.schema());
            Map<String, Long> counts;
            try (Writer writer = openOutput()) {
                counts = new Exporter(1000).export(Side.of(db), Optional.ofNullable(project), writer, progress);
            } catch (IOException e) {
                deletePartialOutput();
                throw new UncheckedIOException("could not write the export: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                deletePartialOutput();
                throw e;
            }
            progress.finish(true);
            environment.err().println("Exported " + CountSummary.describe(counts));
            return 0;
        }
    }

    /** A failed export leaves no file behind: the file was made by this run (it must not exist before). */
    private void deletePartialOutput() {
        if (output != null) {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                environment().err().println("Could not remove the incomplete " + output + ": " + e.getMessage());
            }
        }
    }

    private Writer openOutput() throws IOException {
        if (output == null) {
            // standard output stays open for the process; only flushed here
            return new BufferedWriter(new OutputStreamWriter(environment().out(), StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }
}
