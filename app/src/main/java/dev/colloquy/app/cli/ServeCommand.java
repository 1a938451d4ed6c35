package dev.colloquy.app.cli;

import dev.colloquy.app.config.Environment;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.server.HttpServer;
import dev.colloquy.app.server.Startup;
import dev.colloquy.persistence.StartupTask;
import java.time.Clock;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the HTTP server (and the retention job when RETENTION_DAYS > 0).")
public class ServeCommand extends DatabaseCommand {

    @Option(names = "--http-host", paramLabel = "HOST", description = "where to listen (HTTP_HOST) [127.0.0.1]")
    String host;

    @Option(names = "--http-port", paramLabel = "PORT", description = "the port (HTTP_PORT) [8080]; 0 picks a free one")
    String port;

    @Option(
            names = "--retention-days",
            paramLabel = "DAYS",
            description = "purge conversations not updated for this long (RETENTION_DAYS) [0: keep]")
    String retentionDays;

    @Override
    public Integer call() throws InterruptedException {
        var server = start(environment());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "colloquy-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the server from the environment alone, without flags; the caller closes it. */
    public static HttpServer startServer(Environment environment) {
        var command = new ServeCommand();
        return command.start(environment);
    }

    /** Starts the server and returns it running; the caller closes it. */
    HttpServer start(Environment environment) {
        var flags = new HashMap<>(database.values);
        if (host != null) {
            flags.put(ServerSettings.HTTP_HOST, host);
        }
        if (port != null) {
            flags.put(ServerSettings.HTTP_PORT, port);
        }
        if (retentionDays != null) {
            flags.put(ServerSettings.RETENTION_DAYS, retentionDays);
        }
        var settings = Startup.settings(environment, flags);
        var databaseSettings = Startup.database(settings);
        var serverSettings = ServerSettings.from(settings);
        // The database opens on a thread of its own while CDI and Jersey start on this one.
        var opening = StartupTask.start("colloquy-database-open", () -> Startup.open(databaseSettings, settings));
        // The port first: a server that cannot listen creates no token it would then lose.
        return HttpServer.start(opening, serverSettings, Clock.systemUTC(), environment);
    }
}
