package dev.colloquy.app.server;

import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges conversations not updated for the retention period, in batches of 500; one instance at
 * a time on a database shared by several (the others skip the round).
 */
public final class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    static final int BATCH = 500;

    private final Database database;
    private final Duration age;
    private final Clock clock;

    private final ServiceMetrics metrics;

    public RetentionJob(Database database, int days, Clock clock, ServiceMetrics metrics) {
        this.database = database;
        this.age = Duration.ofDays(days);
        this.clock = clock;
        this.metrics = metrics;
    }

    public void run() {
        try (AutoCloseable lock = database.tryJobLock("retention").orElse(null)) {
            if (lock == null) {
                // Several instances on one database: one of them purges at a time.
                LOG.debug("Retention skipped: another instance is purging");
                return;
            }
            Instant cutoff = clock.instant().minus(age);
            var result = database.retention().purgeNotUpdatedSince(cutoff, BATCH);
            metrics.retention(result.conversations(), result.messages());
            if (result.conversations() > 0) {
                LOG.info(
                        "Retention purged {} conversations ({} messages) not updated since {}",
                        result.conversations(),
                        result.messages(),
                        cutoff);
            }
        } catch (Exception e) {
            metrics.retentionFailed();
            LOG.warn("Retention purge failed, will try again next hour: {}", e.getMessage());
        }
    }
}
