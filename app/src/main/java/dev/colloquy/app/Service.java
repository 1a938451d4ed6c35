package dev.colloquy.app;

import dev.colloquy.app.cli.ServeCommand;
import dev.colloquy.app.config.Environment;
import dev.colloquy.app.server.HttpServer;

/** Starts the service in this process, as {@code colloquy serve} would, with the given environment. */
public final class Service {

    private Service() {}

    /** The running server; close it to stop. Settings come from the environment's variables and properties. */
    public static HttpServer start(Environment environment) {
        return ServeCommand.startServer(environment);
    }
}
