package dev.colloquy.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.app.config.Environment;
import dev.colloquy.app.server.Startup;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.MigrateMode;
import dev.colloquy.transfer.Copier;
import dev.colloquy.transfer.RowProblem;
import dev.colloquy.transfer.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "copy",
        mixinStandardHelpOptions = true,
        description = {
            "Copy all data from one database to another (either kind, either direction), then verify it.",
            "The target is migrated first and must be empty unless --resume; the source is opened read-only."
                    + " Exit 0 only when the verification passes."
        })
public class CopyCommand extends Subcommand {

    static final int MAX_LISTED = 20;

    @Option(names = "--from", required = true, paramLabel = "URL", description = "the source database URL")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "the target database URL")
    String to;

    @Option(
            names = "--resume",
            description = "continue a copy into this target that was interrupted, after the last row of each table")
    boolean resume;

    @Option(
            names = "--skip-invalid",
            description = "copy the rows the pre-flight check accepts and write the others to --skipped-file")
    boolean skipInvalid;

    @Option(
            names = "--skipped-file",
            paramLabel = "FILE",
            description = "where --skip-invalid writes the rows it leaves out, as JSON Lines [skipped-rows.jsonl]")
    Path skippedFile = Path.of("skipped-rows.jsonl");

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "rows per read and per target transaction, 1 to " + Copier.Options.MAX_BATCH + " [1000]")
    int batchSize = 1000;

    @Mixin
    ProgressMetricsOptions metrics = new ProgressMetricsOptions();

    @Override
    public Integer call() {
        var environment = environment();
        metrics.check();
        if (batchSize < 1 || batchSize > Copier.Options.MAX_BATCH) {
            throw new ConfigurationException(
                    "--batch-size", "must be between 1 and " + Copier.Options.MAX_BATCH + ", was " + batchSize);
        }
        var source = TransferDatabases.settings(environment, "--from", from);
        var target = TransferDatabases.settings(environment, "--to", to).withMigrate(MigrateMode.AUTO);
        TransferDatabases.refuseSame(source, target);
        try (var sourceDb = TransferDatabases.openReadOnly(source)) {
            TransferDatabases.requireCurrent("--from", source, sourceDb.schema());
            try (Database targetDb = Startup.open(target, TransferDatabases.sharedSettings(environment));
                    var progress = metrics.start("copy", environment)) {
                var report = new Copier(new Copier.Options(resume, skipInvalid, batchSize))
                        .copy(Side.of(sourceDb), Side.of(targetDb), progress);
                var out = environment.out();
                if (report.stoppedAtPreflight()) {
                    environment
                            .err()
                            .println("The source holds " + report.problems().size()
                                    + " rows the target cannot accept; nothing was copied:");
                    list(environment, report.problems());
                    environment
                            .err()
                            .println("Fix these rows in the source, or run again with --skip-invalid to"
                                    + " copy the rest (the rows left out are written to " + skippedFile + ").");
                    return ColloquyCommand.FAILURE;
                }
                if (!report.problems().isEmpty()) {
                    writeSkipped(report.problems());
                    out.println("Skipped " + report.problems().size() + " invalid rows, written to "
                            + skippedFile.toAbsolutePath().normalize() + ":");
                    list(environment, report.problems());
                }
                if (report.searchIndexRebuilt()) {
                    out.println("The target's search index disagreed with its messages and was rebuilt.");
                }
                report.verification().orElseThrow().lines().forEach(out::println);
                double seconds = Math.max(report.elapsed().toMillis() / 1000.0, 0.001);
                if (!report.succeeded()) {
                    environment
                            .err()
                            .println("The copy did NOT verify: the tables marked DIFFERENT differ."
                                    + " Was the source written during the copy? Stop the service on it and run"
                                    + " again with --resume, or copy into a new empty database.");
                    return ColloquyCommand.FAILURE;
                }
                progress.finish(true);
                out.println(String.format(
                        Locale.ROOT,
                        "Copied %,d rows in %.1f s (%,.0f rows/s); verified.",
                        report.rowsCopied(),
                        seconds,
                        report.rowsCopied() / seconds));
                return 0;
            }
        }
    }

    private static void list(Environment environment, List<RowProblem> problems) {
        problems.stream().limit(MAX_LISTED).forEach(p -> environment.err().println("  " + p));
        if (problems.size() > MAX_LISTED) {
            environment.err().println("  and " + (problems.size() - MAX_LISTED) + " more");
        }
    }

    private void writeSkipped(List<RowProblem> problems) {
        var mapper = new ObjectMapper();
        try (var writer = Files.newBufferedWriter(skippedFile, StandardCharsets.UTF_8)) {
            for (RowProblem problem : problems) {
                var line = mapper.createObjectNode();
                line.put("table", problem.table());
                line.put("key", problem.key());
                line.put("reason", problem.reason());
                line.set("row", mapper.readTree(problem.row()));
                writer.write(mapper.writeValueAsString(line));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the skipped rows to " + skippedFile, e);
        }
    }
}
