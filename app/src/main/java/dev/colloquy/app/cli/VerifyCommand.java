package dev.colloquy.app.cli;

import dev.colloquy.embedding.LocalEmbedder;
import dev.colloquy.transfer.Side;
import dev.colloquy.transfer.Verifier;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two databases table by table: row counts and a checksum of every table's canonical content,"
                    + " with the first rows that differ. Both are opened read-only.",
            "Exit 0 only when every table matches."
        })
public class VerifyCommand extends Subcommand {

    @Option(names = "--from", required = true, paramLabel = "URL", description = "the source database URL")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "the target database URL")
    String to;

    @Mixin
    ProgressMetricsOptions metrics = new ProgressMetricsOptions();

    @Override
    public Integer call() {
        var environment = environment();
        metrics.check();
        var source = TransferDatabases.settings(environment, "--from", from);
        var target = TransferDatabases.settings(environment, "--to", to);
        TransferDatabases.refuseSame(source, target);
        try (var sourceDb = TransferDatabases.openReadOnly(source);
                var targetDb = TransferDatabases.openReadOnly(target);
                var progress = metrics.start("verify", environment)) {
            TransferDatabases.requireCurrent("--from", source, sourceDb.schema());
            TransferDatabases.requireCurrent("--to", target, targetDb.schema());
            var report = new Verifier(1000).verify(Side.of(sourceDb), Side.of(targetDb), progress);
            report.lines().forEach(environment.out()::println);
            // Vectors are derived from the messages: not compared (a copy's indexer embeds them
            // again), but each side's are checked against their messages.
            long inconsistent = 0;
            for (var side : List.of(Map.entry("--from", sourceDb), Map.entry("--to", targetDb))) {
                var semantic = side.getValue().semantic(LocalEmbedder.MODEL_NAME);
                inconsistent += semantic.inconsistent();
                environment
                        .out()
                        .printf(
                                "vectors %-6s %d of %s, messages waiting: %d%s (derived: not compared)%n",
                                side.getKey(),
                                semantic.vectorsByModel().getOrDefault(LocalEmbedder.MODEL_NAME, 0L),
                                LocalEmbedder.MODEL_NAME,
                                semantic.waiting(),
                                semantic.inconsistent() == 0
                                        ? ""
                                        : ", " + semantic.inconsistent() + " INCONSISTENT with their messages");
            }
            progress.finish(report.matches() && inconsistent == 0);
            if (!report.matches()) {
                environment.err().println("The databases differ in the tables marked DIFFERENT.");
                return ColloquyCommand.FAILURE;
            }
            if (inconsistent > 0) {
                environment
                        .err()
                        .println(
                                "Vectors disagree with their messages: with every server stopped, delete them (DELETE FROM"
                                        + " message_embedding); the indexers embed the messages again.");
                return ColloquyCommand.FAILURE;
            }
            environment.out().println("Every table matches.");
            return 0;
        }
    }
}
