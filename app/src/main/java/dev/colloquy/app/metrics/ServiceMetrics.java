package dev.colloquy.app.metrics;

import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.spi.PoolGauge;
import dev.colloquy.retention.Counts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's metrics, in Prometheus' text format at {@code /metrics}. The same names on both
 * databases:
 *
 * <ul>
 *   <li>{@code http_server_requests_seconds} (histogram) by {@code method}, {@code route} (the
 *       route template, never the path's ids or keys) and {@code status};
 *   <li>{@code colloquy_append_seconds} and {@code colloquy_search_seconds}: the database's part
 *       of an append (by id or key) and of a search;
 *   <li>{@code colloquy_db_pool_connections} by {@code pool} and {@code state} (active, idle,
 *       pending), {@code colloquy_db_pool_max_connections}, {@code
 *       colloquy_db_pool_timeouts_total};
 *   <li>{@code colloquy_db_transaction_retries_total} by {@code cause};
 *   <li>{@code colloquy_messages}, {@code colloquy_conversations}, {@code colloquy_projects}
 *       and {@code colloquy_db_size_bytes}, counted in the background every {@value
 *       #COUNT_INTERVAL_SECONDS} s (a scrape never reads a table);
 *   <li>{@code colloquy_db_disk_free_bytes}: space left where the database is a file;
 *   <li>{@code colloquy_retention_runs_total}, {@code colloquy_retention_failures_total} and
 *       {@code colloquy_retention_purged_total} by {@code kind} (conversations, messages);
 *   <li>{@code colloquy_embedding_backlog} (messages waiting for a vector, as the indexer last
 *       counted them; -1 before its first count), {@code colloquy_embedding_embedded_total}
 *       (messages this server embedded) and {@code colloquy_embedding_failures_total} (rounds
 *       of the indexer that failed), when semantic search is on;
 *   <li>the JVM's memory, garbage collection, threads, class loading, CPU and uptime.
 * </ul>
 */
public final class ServiceMetrics {

    /** How often the counts and the database's size are read again. */
    public static final int COUNT_INTERVAL_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);
    private static final List<String> RETRY_CAUSES = List.of("busy", "serialization", "connection", "optimistic_lock");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Database database;
    private final AtomicReference<Counts> counts = new AtomicReference<>();
    private final AtomicReference<OptionalLong> size = new AtomicReference<>(OptionalLong.empty());
    private final AtomicReference<OptionalLong> free = new AtomicReference<>(OptionalLong.empty());
    private final Timer append;
    private final Timer search;
    private final Counter retentionRuns;
    private final Counter retentionFailures;
    private final Counter purgedConversations;
    private final Counter purgedMessages;

    public ServiceMetrics(Database database) {
        this.database = database;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (PoolGauge pool : database.dataSources().pools()) {
            gauge("colloquy.db.pool.connections", pool, "active", pool.active()::getAsInt);
            gauge("colloquy.db.pool.connections", pool, "idle", pool.idle()::getAsInt);
            gauge("colloquy.db.pool.connections", pool, "pending", pool.pending()::getAsInt);
            Gauge.builder("colloquy.db.pool.max.connections", pool::max)
                    .description("the most connections the pool opens")
                    .tag("pool", pool.name())
                    .register(registry);
        }
        FunctionCounter.builder("colloquy.db.pool.timeouts", database, Database::poolTimeouts)
                .description("waits for a pooled connection that ran out (answered 503)")
                .register(registry);
        for (String cause : RETRY_CAUSES) {
            FunctionCounter.builder(
                            "colloquy.db.transaction.retries",
                            database,
                            db -> db.transactionRetries().getOrDefault(cause, 0L))
                    .description("units of work run again after a transient failure")
                    .tag("cause", cause)
                    .register(registry);
        }
        count("colloquy.messages", "messages stored", Counts::messages);
        count("colloquy.conversations", "conversations stored", Counts::conversations);
        count("colloquy.projects", "projects", Counts::projects);
        Gauge.builder(
                        "colloquy.db.size",
                        size,
                        s -> s.get().isPresent() ? s.get().getAsLong() : Double.NaN)
                .description("the database's size on disk")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder(
                        "colloquy.db.disk.free",
                        free,
                        s -> s.get().isPresent() ? s.get().getAsLong() : Double.NaN)
                .description("space left on the database file's file system (NaN where the database is a server)")
                .baseUnit("bytes")
                .register(registry);
        this.append = Timer.builder("colloquy.append")
                .description("the database's part of an append")
                .publishPercentileHistogram()
                .register(registry);
        this.search = Timer.builder("colloquy.search")
                .description("the database's part of a search")
                .publishPercentileHistogram()
                .register(registry);
        this.retentionRuns = Counter.builder("colloquy.retention.runs")
                .description("retention purges run")
                .register(registry);
        this.retentionFailures = Counter.builder("colloquy.retention.failures")
                .description("retention purges that failed (tried again an hour later)")
                .register(registry);
        this.purgedConversations = Counter.builder("colloquy.retention.purged")
                .description("rows the retention purge removed")
                .tag("kind", "conversations")
                .register(registry);
        this.purgedMessages = Counter.builder("colloquy.retention.purged")
                .description("rows the retention purge removed")
                .tag("kind", "messages")
                .register(registry);
    }

    private void gauge(String name, PoolGauge pool, String state, Supplier<Number> value) {
        Gauge.builder(name, value)
                .description("connections of the pool, by state")
                .tag("pool", pool.name())
                .tag("state", state)
                .register(registry);
    }

    private void count(String name, String description, java.util.function.ToLongFunction<Counts> part) {
        Gauge.builder(name, counts, c -> c.get() == null ? Double.NaN : part.applyAsLong(c.get()))
                .description(description + " (read every " + COUNT_INTERVAL_SECONDS + " s)")
                .register(registry);
    }

    /** Reads the counts and the size again; run in the background, never by a scrape. */
    public void refreshCounts() {
        try {
            counts.set(database.retention().counts());
            size.set(database.sizeBytes());
            free.set(database.freeBytes());
        } catch (RuntimeException e) {
            LOG.debug("Counting for the metrics failed, will try again: {}", e.getMessage());
        }
    }

    /** The indexer's gauges and counters, when semantic search is on. */
    public void embedding(LongSupplier backlog, LongAdder embedded, LongAdder failures) {
        // The gauge's supplier is held strongly: a lambda nothing else refers to (a weak reference,
        // the default, would let it be collected and the series read NaN). The counters' adders
        // are the indexer's own.
        Gauge.builder("colloquy.embedding.backlog", backlog, LongSupplier::getAsLong)
                .description("messages waiting for a vector, as the indexer last counted them (-1: not yet)")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("colloquy.embedding.embedded", embedded, LongAdder::sum)
                .description("messages this server embedded")
                .register(registry);
        FunctionCounter.builder("colloquy.embedding.failures", failures, LongAdder::sum)
                .description("rounds of the indexer that failed (tried again 5 s later)")
                .register(registry);
    }

    /** Records one answered request. */
    public void request(String method, String route, int status, long nanos) {
        // one timer per method, route and status, looked up without building its id each time;
        // a method HTTP does not define counts as "other", so made-up methods add no series
        String known = METHODS.contains(method) ? method : "other";
        requestTimers
                .computeIfAbsent(
                        new RequestKey(known, route, status),
                        key -> Timer.builder("http.server.requests")
                                .description("answered requests, by route template and status")
                                .tag("method", key.method())
                                .tag("route", key.route())
                                .tag("status", Integer.toString(key.status()))
                                .publishPercentileHistogram()
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private record RequestKey(String method, String route, int status) {}

    /** Runs an append's database work, timed. */
    public <T> T timeAppend(Supplier<T> work) {
        return append.record(work);
    }

    /** Runs a search's database work, timed. */
    public <T> T timeSearch(Supplier<T> work) {
        return search.record(work);
    }

    /** Records a retention run and what it removed. */
    public void retention(long conversations, long messages) {
        retentionRuns.increment();
        purgedConversations.increment(conversations);
        purgedMessages.increment(messages);
    }

    /** Records a retention run that failed. */
    public void retentionFailed() {
        retentionFailures.increment();
    }

    /** Everything, in Prometheus' text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
