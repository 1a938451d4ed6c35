package dev.colloquy.app.server;

import dev.colloquy.app.config.Environment;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.http.TokenUsage;
import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.app.metrics.Tracing;
import dev.colloquy.app.semantic.SemanticSearch;
import dev.colloquy.persistence.Database;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service around an open database, the same standalone and in an application server: the
 * service context handed to CDI, the first-start bootstrap, the background jobs, and the stop
 * that writes the pending token use and closes the database.
 */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final Database database;
    private final ServerSettings settings;
    private final Clock clock;
    private final TokenUsage usage;
    private final ServiceMetrics metrics;
    private final Tracing tracing;
    private final SemanticSearch semantic;
    private ScheduledExecutorService jobs;

    private RunningService(
            Database database,
            ServerSettings settings,
            Clock clock,
            TokenUsage usage,
            ServiceMetrics metrics,
            Tracing tracing,
            SemanticSearch semantic) {
        this.database = database;
        this.semantic = semantic;
        this.settings = settings;
        this.clock = clock;
        this.usage = usage;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /**
     * Loads the embedding model when semantic search is on, and hands it, the database, settings
     * and clock to the container's beans, before any request is served.
     */
    public static RunningService start(
            Database database, ServerSettings settings, Clock clock, Instance<Object> beans) {
        var semantic = SemanticSearch.of(settings, database);
        var context = beans.select(ServiceContext.class).get();
        context.start(database, settings, clock, semantic);
        return new RunningService(
                database,
                settings,
                clock,
                beans.select(TokenUsage.class).get(),
                context.metrics(),
                context.tracing(),
                semantic);
    }

    /** Once the service can be reached: the first admin token, written to {@code environment}'s output. */
    public void firstStart(Environment environment) {
        FirstStart.bootstrap(database, settings, environment);
    }

    /**
     * Starts the background jobs (token use, forgotten idempotency answers, retention) and the
     * indexer of semantic search.
     */
    public void startJobs() {
        jobs = BackgroundJobs.start(database, settings, usage, metrics, clock);
        semantic.startIndexer();
    }

    /** Stops the jobs, writes the pending token use and closes the database. */
    @Override
    public void close() {
        if (jobs != null) {
            jobs.shutdownNow();
        }
        semantic.close();
        try {
            usage.flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not record the last token use: {}", e.getMessage());
        }
        tracing.close();
        database.close();
    }
}
