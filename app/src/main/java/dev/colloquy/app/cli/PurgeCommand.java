package dev.colloquy.app.cli;

import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "purge",
        mixinStandardHelpOptions = true,
        description = "Delete conversations (with their messages) not updated for a while: the retention rule by hand.")
public class PurgeCommand extends DatabaseCommand {

    /** A destructive cutoff shorter than this is a likely slip ('1m' for a month) and needs consent. */
    static final Duration SHORTEST_WITHOUT_CONSENT = Duration.ofHours(1);

    static final int MAX_BATCH = 10_000;

    @Option(
            names = "--older-than",
            required = true,
            paramLabel = "DURATION",
            description = "purge what was not updated for this long: a number and a unit, d = days, h = hours,"
                    + " m = MINUTES (not months), s = seconds, ms = milliseconds (90d, 12h), or ISO-8601"
                    + " (P90D, PT12H); under one hour needs --allow-short")
    String olderThan;

    @Option(
            names = "--allow-short",
            description = "allow a cutoff under one hour (deletes nearly everything not touched just now)")
    boolean allowShort;

    @Option(names = "--dry-run", description = "only count what would be purged")
    boolean dryRun;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "conversations deleted per transaction, 1 to 10000 [500]")
    int batchSize = 500;

    @Override
    public Integer call() {
        var environment = environment();
        Duration age = Durations.parse("--older-than", olderThan);
        if (age.isZero()) {
            throw new ConfigurationException("--older-than", "must be longer than zero");
        }
        if (age.compareTo(SHORTEST_WITHOUT_CONSENT) < 0 && !allowShort) {
            throw new ConfigurationException(
                    "--older-than",
                    "'" + olderThan + "' is " + age.toSeconds() + " seconds, which would purge nearly every"
                            + " conversation; 'm' means minutes (write 30d for a month). Add --allow-short if this"
                            + " is meant");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new ConfigurationException(
                    "--batch-size", "must be between 1 and " + MAX_BATCH + ", was " + batchSize);
        }
        try (var db = open()) {
            Instant cutoff = Instant.now().minus(age).truncatedTo(ChronoUnit.MILLIS);
            var result = dryRun
                    ? db.retention().countNotUpdatedSince(cutoff)
                    : db.retention().purgeNotUpdatedSince(cutoff, batchSize);
            environment
                    .out()
                    .println((dryRun ? "Would purge " : "Purged ") + result.conversations() + " conversations ("
                            + result.messages() + " messages) not updated since " + cutoff);
            return 0;
        }
    }
}
