package dev.colloquy.app.server;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.http.TokenUsage;
import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.persistence.Database;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's background work, the same standalone and in an application server: token use
 * written every 30 s, the answers kept for idempotency keys forgotten hourly once older than
 * {@code IDEMPOTENCY_KEY_TTL}, and the retention purge hourly when {@code RETENTION_DAYS} > 0.
 */
final class BackgroundJobs {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

    private BackgroundJobs() {}

    /** Starts the jobs on one daemon thread; shut the returned executor down to stop them. */
    static ScheduledExecutorService start(
            Database database, ServerSettings settings, TokenUsage usage, ServiceMetrics metrics, Clock clock) {
        var scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "colloquy-background");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(usage::flush, 30, 30, TimeUnit.SECONDS);
        if (settings.metrics().enabled()) {
            scheduler.scheduleWithFixedDelay(
                    metrics::refreshCounts, 0, ServiceMetrics.COUNT_INTERVAL_SECONDS, TimeUnit.SECONDS);
        }
        scheduler.scheduleWithFixedDelay(() -> forgetAnswers(database, settings, clock), 1, 60, TimeUnit.MINUTES);
        if (settings.retentionDays() > 0) {
            var retention = new RetentionJob(database, settings.retentionDays(), clock, metrics);
            scheduler.scheduleWithFixedDelay(retention::run, 1, 60, TimeUnit.MINUTES);
            LOG.info("Retention: conversations not updated for {} days are purged hourly", settings.retentionDays());
        }
        return scheduler;
    }

    /** Forgets the answers kept for idempotency keys longer than {@code IDEMPOTENCY_KEY_TTL}. */
    static void forgetAnswers(Database database, ServerSettings settings, Clock clock) {
        try {
            long forgotten = database.idempotency().forgetBefore(clock.instant().minus(settings.idempotencyKeyTtl()));
            LOG.debug("Forgot {} answers kept for idempotency keys", forgotten);
        } catch (RuntimeException e) {
            LOG.warn("Forgetting expired idempotency keys failed, will try again next hour: {}", e.getMessage());
        }
    }
}
