package dev.colloquy.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** {@code java -jar colloquy.jar serve} as a process of its own, as it runs in production. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Colloquy listening on (http://\\S+)");

    private final Process process;
    private final URI uri;

    private ServerProcess(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    static ServerProcess start(Path jar, String databaseUrl, Path log) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "serve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
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
