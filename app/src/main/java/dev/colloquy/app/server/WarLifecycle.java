package dev.colloquy.app.server;

import dev.colloquy.app.config.Environment;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.persistence.Database;
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

    private RunningService service;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        // What the first start prints goes to the server log.
        var log = new PrintStream(new LogStream(), true, StandardCharsets.UTF_8);
        var environment = new Environment(System.getenv(), System.getProperties(), log, log);
        var settings = Startup.settings(environment, Map.of());
        var serverSettings = ServerSettings.from(settings);
        Database database = Startup.open(Startup.database(settings), settings);
        try {
            service = RunningService.start(database, serverSettings, Clock.systemUTC(), CDI.current());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        try {
            service.firstStart(environment);
            service.startJobs();
        } catch (RuntimeException e) {
            service.close();
            service = null;
            throw e;
        }
        LOG.info("Colloquy started in the application server");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (service != null) {
            service.close();
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
