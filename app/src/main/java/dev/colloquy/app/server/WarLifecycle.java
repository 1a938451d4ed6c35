package dev.colloquy.app.server;

import dev.colloquy.app.config.AppSettings;
import dev.colloquy.app.config.Environment;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.http.TokenUsage;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.spi.Backends;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the service inside an application server: the same settings (environment
 * variables and system properties of the server's JVM), the same startup rules and the same
 * first-start token as {@code colloquy serve}; the token is written to the server log.
 */
@WebListener
public class WarLifecycle implements ServletContextListener {

    private static final Logger LOG = LoggerFactory.getLogger(WarLifecycle.class);

    private Database database;
    private ScheduledExecutorService scheduler;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        var settings = AppSettings.merge(Map.of(), System.getProperties(), System.getenv());
        var databaseSettings = DatabaseSettings.resolve(settings, Backends.installed());
        var serverSettings = ServerSettings.from(settings);
        database = DatabaseStarter.open(databaseSettings, Clock.systemUTC(), serverSettings.limits());
        var log = new PrintStream(new LogStream(), true, StandardCharsets.UTF_8);
        FirstStart.bootstrap(database, serverSettings, new Environment(Map.of(), new Properties(), log, log));
        var cdi = CDI.current();
        cdi.select(ServiceContext.class).get().start(database, serverSettings, Clock.systemUTC());
        var usage = cdi.select(TokenUsage.class).get();
        scheduler = BackgroundJobs.start(database, serverSettings, usage, Clock.systemUTC());
        LOG.info("Colloquy started in the application server");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            CDI.current().select(TokenUsage.class).get().flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not record the last token use: {}", e.getMessage());
        }
        if (database != null) {
            database.close();
        }
    }

    /** Lines written to it go to the log. */
    private static final class LogStream extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            if (b == '\n') {
                LOG.info(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
