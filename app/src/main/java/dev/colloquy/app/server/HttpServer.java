package dev.colloquy.app.server;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.http.ColloquyApplication;
import dev.colloquy.persistence.Database;
import jakarta.ws.rs.SeBootstrap;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service running standalone: Weld SE for CDI and Jersey on Grizzly for HTTP (Grizzly was
 * the fastest of Jersey's embedded containers measured on this stack: about 8x the JDK server).
 * Closing it stops accepting requests, lets requests in flight finish (up to 10 s), writes the
 * pending token use and closes the database.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final WeldContainer container;
    private final SeBootstrap.Instance instance;
    private final ScheduledExecutorService scheduler;
    private final Database database;
    private final TokenUsage usage;

    private HttpServer(
            WeldContainer container,
            SeBootstrap.Instance instance,
            ScheduledExecutorService scheduler,
            Database database,
            TokenUsage usage) {
        this.container = container;
        this.instance = instance;
        this.scheduler = scheduler;
        this.database = database;
        this.usage = usage;
    }

    public static HttpServer start(Database database, ServerSettings settings, Clock clock) {
        WeldContainer container = new Weld("colloquy-" + java.util.UUID.randomUUID()).initialize();
        try {
            container.select(ServiceContext.class).get().start(database, settings, clock);
            var config = SeBootstrap.Configuration.builder()
                    .protocol("HTTP")
                    .host(settings.host())
                    .port(settings.port())
                    .rootPath("/")
                    .property(
                            "jersey.config.server.httpServerClass",
                            "org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServer")
                    .build();
            SeBootstrap.Instance instance = SeBootstrap.start(new ColloquyApplication(), config)
                    .toCompletableFuture()
                    .get();
            var usage = container.select(TokenUsage.class).get();
            var scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                var thread = new Thread(runnable, "colloquy-background");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(usage::flush, 30, 30, TimeUnit.SECONDS);
            if (settings.retentionDays() > 0) {
                var retention = new RetentionJob(database, settings.retentionDays(), clock);
                scheduler.scheduleWithFixedDelay(retention::run, 1, 60, TimeUnit.MINUTES);
                LOG.info(
                        "Retention: conversations not updated for {} days are purged hourly", settings.retentionDays());
            }
            var server = new HttpServer(container, instance, scheduler, database, usage);
            LOG.info("Colloquy listening on {}", server.uri());
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            container.close();
            throw new IllegalStateException("interrupted while starting the HTTP server", e);
        } catch (ExecutionException e) {
            container.close();
            throw new IllegalStateException(
                    "could not start the HTTP server on " + settings.host() + ":" + settings.port() + ": "
                            + DatabaseStarter.reason(e),
                    e);
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
    }

    public URI uri() {
        return instance.configuration().baseUri();
    }

    public int port() {
        return instance.configuration().port();
    }

    @Override
    public void close() {
        LOG.info("Stopping: no new requests, finishing those in flight");
        try {
            instance.stop().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("The HTTP server did not stop cleanly: {}", e.getMessage());
        }
        scheduler.shutdownNow();
        usage.flush();
        container.close();
        database.close();
        LOG.info("Stopped");
    }
}
