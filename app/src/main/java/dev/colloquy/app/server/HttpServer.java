package dev.colloquy.app.server;

import dev.colloquy.app.config.Environment;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.http.ColloquyApplication;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.StartupTask;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.glassfish.grizzly.http.CompressionConfig;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The service running standalone: Weld SE for CDI and Jersey on Grizzly for HTTP (Grizzly was
 * the fastest of Jersey's embedded containers measured on this stack: about 8x the JDK server).
 * Closing it stops accepting requests, lets requests in flight finish (up to 10 s), writes the
 * pending token use and closes the database.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    static final int GRACE_SECONDS = 10;
    /** Weld reads this system property only (ConfigurationKey.DISABLE_XML_VALIDATION). */
    private static final String WELD_XML_VALIDATION_OFF = "org.jboss.weld.xml.disableValidating";

    private final WeldContainer container;
    private final org.glassfish.grizzly.http.server.HttpServer grizzly;
    private final RunningService service;
    private final ProblemCodec codec;

    private HttpServer(
            WeldContainer container,
            org.glassfish.grizzly.http.server.HttpServer grizzly,
            ProblemCodec codec,
            RunningService service) {
        this.container = container;
        this.grizzly = grizzly;
        this.codec = codec;
        this.service = service;
    }

    /** Starts the server on an open database, without the first-start bootstrap. */
    public static HttpServer start(Database database, ServerSettings settings, Clock clock) {
        return start(StartupTask.done(database), settings, clock, service -> {});
    }

    /**
     * Starts the server on the database {@code opening} yields, as {@code colloquy serve} does;
     * CDI and Jersey start while it opens. The first-start bootstrap writes a new admin token to
     * {@code environment}'s output after the port is bound, so that it never happens for a server
     * that cannot listen. When the server cannot start, the database is closed (once it has
     * opened) and the failure thrown; a failure to open the database is thrown as it was.
     */
    public static HttpServer start(
            StartupTask<Database> opening, ServerSettings settings, Clock clock, Environment environment) {
        return start(opening, settings, clock, service -> service.firstStart(environment));
    }

    private static HttpServer start(
            StartupTask<Database> opening, ServerSettings settings, Clock clock, Consumer<RunningService> onceBound) {
        try {
            return open(opening, settings, clock, onceBound);
        } catch (RuntimeException | Error e) {
            opening.abandon(Database::close);
            throw e;
        }
    }

    private static HttpServer open(
            StartupTask<Database> opening, ServerSettings settings, Clock clock, Consumer<RunningService> onceBound) {
        // Grizzly logs through java.util.logging; route it to the same log as the rest.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        // beans.xml is ours and fixed (the WAR's server validates it on every deployment test);
        // validating it against its schema here costs a tenth of a second at every start.
        if (System.getProperty(WELD_XML_VALIDATION_OFF) == null) {
            System.setProperty(WELD_XML_VALIDATION_OFF, "true");
        }
        // Our own shutdown hook stops the server first and then the container; Weld's would race it.
        WeldContainer container =
                new Weld("colloquy-" + UUID.randomUUID()).skipShutdownHook().initialize();
        try {
            URI base = URI.create("http://" + hostForUri(settings.host()) + ":" + settings.port() + "/");
            var grizzly = GrizzlyHttpServerFactory.createHttpServer(
                    base,
                    ResourceConfig.forApplication(new ColloquyApplication())
                            // no WADL: the API is described by /openapi
                            .property("jersey.config.server.wadl.disableWadl", true),
                    false);
            Database database = opening.join();
            var service = RunningService.start(database, settings, clock, container);
            var codec = new ProblemCodec();
            grizzly.getListeners().forEach(listener -> {
                // A body read (by WorkerDispatch's body readers, before a worker is taken) waits
                // for the client's next bytes no longer than this, then answers 408 instead of
                // waiting 30 s for a slow or short body (the API's own reads: ProblemMappers).
                listener.getTransport().setReadTimeout(settings.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
                // gzip: answers of 1 KiB and more to clients that accept it; request bodies sent
                // with Content-Encoding: gzip are inflated before the API reads them, so the body
                // limit (LIMIT_REQUEST_BYTES) counts inflated bytes and a zip bomb is a 413.
                var compression = listener.getCompressionConfig();
                compression.setCompressionMode(CompressionConfig.CompressionMode.ON);
                compression.setCompressionMinSize(1024);
                compression.setCompressibleMimeTypes("application/json", "application/problem+json");
                compression.setDecompressionEnabled(true);
                if (settings.connectionsPerClient() > 0) {
                    listener.registerAddOn(new ConnectionsPerClient(settings.connectionsPerClient()));
                }
                listener.registerAddOn(new IgnoreH2cUpgrade());
                listener.registerAddOn(codec);
            });
            grizzly.getServerConfiguration().setDefaultErrorPageGenerator(new ProblemPages());
            dispatchToWorkers(grizzly.getServerConfiguration(), settings);
            // An exact pattern in the root context: a plain "/health/live" mapping would make
            // "/health" a context of its own and send every /health/* request here.
            grizzly.getServerConfiguration()
                    .addHttpHandler(
                            new LivenessHandler(database),
                            HttpHandlerRegistration.builder()
                                    .contextPath("")
                                    .urlPattern(LivenessHandler.PATH)
                                    .build());
            try {
                grizzly.start();
            } catch (IOException e) {
                codec.close();
                throw new ExecutionException(e);
            }
            try {
                onceBound.accept(service);
            } catch (RuntimeException e) {
                grizzly.shutdownNow();
                codec.close();
                throw e;
            }
            service.startJobs();
            var server = new HttpServer(container, grizzly, codec, service);
            LOG.info("Colloquy listening on {}", server.uri());
            return server;
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

    /** Puts the API's handler (Jersey's, the only one registered so far) behind {@link WorkerDispatch}. */
    private static void dispatchToWorkers(ServerConfiguration configuration, ServerSettings settings) {
        var handlers = configuration.getHttpHandlersWithMapping();
        if (handlers.size() != 1) {
            throw new IllegalStateException("expected Jersey's handler alone, found " + handlers.keySet());
        }
        var api = handlers.entrySet().iterator().next();
        configuration.removeHttpHandler(api.getKey());
        configuration.addHttpHandler(
                new WorkerDispatch(api.getKey(), settings.queueLimit(), settings.maxRequestBytes()), api.getValue());
    }

    public URI uri() {
        var listener = grizzly.getListeners().iterator().next();
        return URI.create("http://" + hostForUri(listener.getHost()) + ":" + listener.getPort() + "/");
    }

    public int port() {
        return grizzly.getListeners().iterator().next().getPort();
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        LOG.info("Stopping: no new requests, finishing those in flight");
        try {
            grizzly.shutdown(GRACE_SECONDS, TimeUnit.SECONDS).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("The HTTP server did not stop cleanly: {}", e.getMessage());
        }
        codec.close();
        service.close();
        container.close();
        LOG.info("Stopped");
    }
}
