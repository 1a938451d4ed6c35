package dev.colloquy.app.cli;

import dev.colloquy.app.config.Environment;
import dev.colloquy.app.metrics.TransferMetrics;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.transfer.Progress;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --metrics-file} and {@code --metrics-port} of the long transfer commands. */
public class ProgressMetricsOptions {

    @Option(
            names = "--metrics-file",
            paramLabel = "FILE",
            description = "write the progress as Prometheus metrics to this file while the command runs (for"
                    + " node_exporter's textfile collector: name it *.prom), rewritten every 5 s and at the end")
    Path file;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = "serve the progress as Prometheus metrics on this port (all interfaces, GET /metrics) while"
                    + " the command runs; 0 picks a free one")
    Integer port;

    /** Refuses values that cannot work, before the command opens anything. */
    void check() {
        if (port != null && (port < 0 || port > 65_535)) {
            throw new ConfigurationException("--metrics-port", "must be between 0 and 65535, was " + port);
        }
        if (file != null) {
            Path folder = file.toAbsolutePath().getParent();
            if (Files.isDirectory(file) || folder == null || !Files.isDirectory(folder)) {
                throw new ConfigurationException(
                        "--metrics-file", file + " is a folder, or the folder it would be written to does not exist");
            }
        }
    }

    /**
     * The progress {@code operation} reports: the lines on standard error, and the metrics where
     * asked for. The command has called {@link #check()} before opening anything.
     */
    TransferMetrics start(String operation, Environment environment) {
        Progress shown = new ProgressPrinter(environment.err(), environment.terminal());
        TransferMetrics metrics;
        try {
            metrics = TransferMetrics.start(operation, shown, Optional.ofNullable(file), Clock.systemUTC());
        } catch (UncheckedIOException e) {
            throw new ConfigurationException("--metrics-file", e.getMessage() + ": " + e.getCause());
        }
        if (port != null) {
            try {
                metrics.serve(port);
            } catch (UncheckedIOException e) {
                metrics.close();
                throw new ConfigurationException("--metrics-port", e.getMessage() + ": " + e.getCause());
            }
        }
        metrics.port()
                .ifPresent(p -> environment
                        .err()
                        .println("Progress metrics on port " + p + " (GET /metrics) while the command runs"));
        return metrics;
    }
}
