package dev.colloquy.app;

import dev.colloquy.app.cli.ColloquyCommand;
import dev.colloquy.app.config.Environment;
import dev.colloquy.persistence.Database;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** {@code java -jar colloquy.jar <command>}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Logging configures itself (a fifth of a second on a small machine) and the query parser
        // loads while the command line is read; the command starts once logging is set up.
        var logging = new CountDownLatch(1);
        var preload = new Thread(
                () -> {
                    try {
                        LoggerFactory.getILoggerFactory();
                        // java.util.logging (JDBC drivers, the HTTP server) through the same log and format
                        if (!SLF4JBridgeHandler.isInstalled()) {
                            SLF4JBridgeHandler.removeHandlersForRootLogger();
                            SLF4JBridgeHandler.install();
                        }
                    } finally {
                        logging.countDown();
                    }
                    if (ColloquyCommand.opensStores(args)) {
                        Database.preload();
                    }
                },
                "colloquy-preload");
        preload.setDaemon(true);
        preload.start();
        int code = ColloquyCommand.run(Environment.system(), () -> awaitLogging(logging), args);
        if (code != 0 || !ColloquyCommand.keepsRunning(args)) {
            System.exit(code);
        }
    }

    private static void awaitLogging(CountDownLatch logging) {
        try {
            logging.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
