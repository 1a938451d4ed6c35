package dev.colloquy.app.cli;

import dev.colloquy.transfer.Side;
import dev.colloquy.transfer.Verifier;
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
            progress.finish(report.matches());
            if (!report.matches()) {
                environment.err().println("The databases differ in the tables marked DIFFERENT.");
                return ColloquyCommand.FAILURE;
            }
            environment.out().println("Every table matches.");
            return 0;
        }
    }
}
