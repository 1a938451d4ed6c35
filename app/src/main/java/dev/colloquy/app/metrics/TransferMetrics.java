package dev.colloquy.app.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.colloquy.transfer.Progress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of a long command ({@code copy}, {@code import}, {@code export}, {@code verify}) as
 * Prometheus metrics, for a batch job that no scraper can reach through the server's {@code
 * /metrics}: written to a file in Prometheus' text format (for node_exporter's textfile
 * collector; rewritten whole and renamed into place, at most every {@link #FILE_INTERVAL} and at
 * the end of every step and of the command), served on a port of its own while the command
 * runs, or both. It passes every call on to the progress it decorates (the lines on standard
 * error).
 *
 * <p>The metrics: {@code colloquy_transfer_rows_total} (rows through, by operation, step and
 * table), {@code colloquy_transfer_rows_expected} (rows the step expects; -1 when unknown), {@code
 * colloquy_transfer_running} (1 until the command ends), {@code
 * colloquy_transfer_start_time_seconds} and {@code colloquy_transfer_end_time_seconds} (Unix time;
 * 0 until the end), and {@code colloquy_transfer_succeeded} (1 once the command succeeded, 0
 * while it runs and when it failed).
 */
public final class TransferMetrics implements Progress, AutoCloseable {

    /** The content type of Prometheus' text format, version 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    public static final Duration FILE_INTERVAL = Duration.ofSeconds(5);

    private final Progress shown;
    private final Tags operation;
    private final Optional<Path> file;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> expected = new ConcurrentHashMap<>();
    private final AtomicLong running = new AtomicLong(1);
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong endTime = new AtomicLong();
    private HttpServer server;
    private Counter rows;
    private long rowsCounted;
    private long lastWritten;
    private boolean finished;

    private TransferMetrics(String operation, Progress shown, Optional<Path> file, Clock clock) {
        this.shown = shown;
        this.operation = Tags.of("operation", operation);
        this.file = file;
        this.clock = clock;
        long started = clock.millis();
        Gauge.builder("colloquy.transfer.running", running, AtomicLong::get)
                .description("1 while the command runs, 0 once it ended")
                .tags(this.operation)
                .register(registry);
        Gauge.builder("colloquy.transfer.succeeded", succeeded, AtomicLong::get)
                .description("1 once the command succeeded; 0 while it runs and when it failed")
                .tags(this.operation)
                .register(registry);
        Gauge.builder("colloquy.transfer.start.time", () -> started / 1000.0)
                .description("when the command started, Unix time")
                .baseUnit("seconds")
                .tags(this.operation)
                .register(registry);
        Gauge.builder("colloquy.transfer.end.time", endTime, t -> t.get() / 1000.0)
                .description("when the command ended, Unix time; 0 until then")
                .baseUnit("seconds")
                .tags(this.operation)
                .register(registry);
    }

    /**
     * Records {@code operation}'s progress, passing it on to {@code shown}, and writes {@code file}
     * where given (at once, then as the command goes).
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static TransferMetrics start(String operation, Progress shown, Optional<Path> file, Clock clock) {
        var metrics = new TransferMetrics(operation, shown, file, clock);
        metrics.write();
        return metrics;
    }

    /**
     * Serves the metrics on {@code port} of every interface ({@code GET /metrics}) until {@link
     * #close()}.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public void serve(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on port " + port + " for the progress metrics", e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                boolean metricsPath = exchange.getRequestURI().getPath().equals("/metrics");
                boolean get = exchange.getRequestMethod().equals("GET")
                        || exchange.getRequestMethod().equals("HEAD");
                if (!metricsPath || !get) {
                    exchange.sendResponseHeaders(metricsPath ? 405 : 404, -1);
                    return;
                }
                byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", PROMETHEUS_TEXT);
                if (exchange.getRequestMethod().equals("HEAD")) {
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        });
        server.start();
    }

    /** The port the metrics are served on (the one bound when 0 was asked for), if served. */
    public Optional<Integer> port() {
        return Optional.ofNullable(server).map(s -> s.getAddress().getPort());
    }

    /** The metrics now, in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public synchronized void begin(String step, String table, long total) {
        shown.begin(step, table, total);
        Tags tags = operation.and("step", step, "table", table);
        rows = Counter.builder("colloquy.transfer.rows")
                .description("rows through a step of the command")
                .tags(tags)
                .register(registry);
        rowsCounted = 0;
        expected.computeIfAbsent(step + "\u0000" + table, key -> {
                    var value = new AtomicLong();
                    Gauge.builder("colloquy.transfer.rows.expected", value, AtomicLong::get)
                            .description("rows the step expects; -1 when unknown")
                            .tags(tags)
                            .register(registry);
                    return value;
                })
                .set(total);
        write();
    }

    @Override
    public synchronized void advance(long done) {
        shown.advance(done);
        count(done);
        if (clock.millis() - lastWritten >= FILE_INTERVAL.toMillis()) {
            write();
        }
    }

    @Override
    public synchronized void end(long done) {
        shown.end(done);
        count(done);
        write();
    }

    private void count(long done) {
        if (rows != null && done > rowsCounted) {
            rows.increment(done - rowsCounted);
            rowsCounted = done;
        }
    }

    /** The command ended: {@code success} says whether it did what it was asked. Written at once. */
    public synchronized void finish(boolean success) {
        if (finished) {
            return;
        }
        finished = true;
        succeeded.set(success ? 1 : 0);
        running.set(0);
        endTime.set(clock.millis());
        write();
    }

    /** Ends as failed unless {@link #finish} was called, and stops serving. */
    @Override
    public void close() {
        finish(false);
        if (server != null) {
            server.stop(0);
        }
    }

    private synchronized void write() {
        lastWritten = clock.millis();
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get().toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, scrape(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the progress metrics to " + target, e);
        }
    }
}
