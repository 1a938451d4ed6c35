package dev.colloquy.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code colloquy serve} as a process of its own, as it runs in production: started with {@code
 * java -jar colloquy.jar}, or through the {@code bin/colloquy} launcher (which adds the
 * class-data-sharing archive the build records).
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Colloquy listening on (http://\\S+)");

    private final Process process;
    private final URI uri;

    private ServerProcess(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    static ServerProcess start(Path jar, String databaseUrl, Path log) throws IOException, InterruptedException {
        return start(Launch.JAVA_JAR, jar, databaseUrl, log);
    }

    /** How a command is started. */
    enum Launch {
        /** {@code java -jar colloquy.jar}, nothing else. */
        JAVA_JAR,
        /** {@code bin/colloquy}, next to the JAR's {@code app/target} folder. */
        LAUNCHER;

        /** The process for {@code colloquy args}, with the JDK running the harness first on the PATH. */
        ProcessBuilder command(Path jar, String... args) {
            var command = new ArrayList<String>();
            if (this == JAVA_JAR) {
                command.addAll(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
            } else {
                command.add(jar.toAbsolutePath()
                        .getParent()
                        .getParent()
                        .getParent()
                        .resolve("bin/colloquy")
                        .toString());
            }
            command.addAll(List.of(args));
            var builder = new ProcessBuilder(command);
            builder.environment().put("COLLOQUY_JAR", jar.toAbsolutePath().toString());
            builder.environment()
                    .put(
                            "PATH",
                            Path.of(System.getProperty("java.home"), "bin")
                                    + File.pathSeparator
                                    + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().remove("JAVA_OPTS");
            return builder;
        }
    }

    static ServerProcess start(Launch launch, Path jar, String databaseUrl, Path log)
            throws IOException, InterruptedException {
        return start(launch, jar, databaseUrl, log, Map.of());
    }

    /** As {@link #start(Launch, Path, String, Path)}, with {@code settings} added to the server's environment. */
    static ServerProcess start(Launch launch, Path jar, String databaseUrl, Path log, Map<String, String> settings)
            throws IOException, InterruptedException {
        var builder = launch.command(jar, "serve").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(settings);
        builder.environment().put("DATABASE_URL", databaseUrl);
        builder.environment().put("HTTP_PORT", "0");
        builder.environment().put("COLLOQUY_ADMIN_TOKEN", Scenarios.ADMIN_TOKEN);
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            var matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) {
                return new ServerProcess(process, URI.create(matcher.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start within 120 s: " + Files.readString(log));
    }

    URI uri() {
        return uri;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
