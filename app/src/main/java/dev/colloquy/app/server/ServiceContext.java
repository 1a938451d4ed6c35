package dev.colloquy.app.server;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.app.metrics.Tracing;
import dev.colloquy.app.semantic.SemanticSearch;
import dev.colloquy.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * What the running service shares: the open database, the settings and the clock. The launcher
 * hands them over once, after opening the database and before the HTTP server starts.
 */
@ApplicationScoped
public class ServiceContext {

    private Database database;
    private ServerSettings settings;
    private Clock clock = Clock.systemUTC();
    private ServiceMetrics metrics;
    private Tracing tracing = Tracing.off();
    private SemanticSearch semantic;

    public void start(
            Database openDatabase, ServerSettings serverSettings, Clock serviceClock, SemanticSearch semanticSearch) {
        this.database = openDatabase;
        this.semantic = semanticSearch;
        this.settings = serverSettings;
        this.clock = serviceClock;
        this.metrics = new ServiceMetrics(openDatabase);
        semanticSearch.bind(metrics);
        var traces = serverSettings.tracing();
        this.tracing = traces.endpoint()
                .map(endpoint -> Tracing.to(endpoint, traces.serviceName(), openDatabase))
                .orElse(Tracing.off());
    }

    @Produces
    public Tracing tracing() {
        return tracing;
    }

    @Produces
    public ServiceMetrics metrics() {
        if (metrics == null) {
            throw new IllegalStateException("the service context was not started");
        }
        return metrics;
    }

    @Produces
    public Database database() {
        if (database == null) {
            throw new IllegalStateException("the service context was not started");
        }
        return database;
    }

    @Produces
    public ServerSettings settings() {
        if (settings == null) {
            throw new IllegalStateException("the service context was not started");
        }
        return settings;
    }

    @Produces
    public SemanticSearch semanticSearch() {
        if (semantic == null) {
            throw new IllegalStateException("the service context was not started");
        }
        return semantic;
    }

    @Produces
    public Clock clock() {
        return clock;
    }
}
