package dev.colloquy.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code colloquy serve} as a real process: zero configuration, first start, SIGTERM, two processes on one file. */
public class ServeProcessTest {

    /** The line announcing the server, in text or in JSON (where '/' is written '\/'). */
    private static final Pattern LISTENING = Pattern.compile("Colloquy listening on (http://[^\\s\"]+)");

    /** A running server process and what it printed. */
    public record Server(Process process, Path out, Path err, URI uri) {
        public String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        public String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }
    }

    /**
     * A server process with {@code env} and semantic search off unless {@code env} says otherwise
     * (the tests of other things do not pay for loading the model and embedding their messages).
     */
    public static Server start(Path directory, Map<String, String> env, String name) throws Exception {
        var settings = new java.util.HashMap<String, String>(env);
        settings.putIfAbsent("SEMANTIC_SEARCH", "off");
        return startAsConfigured(directory, settings, name);
    }

    /** A server process with {@code env} and nothing else set. */
    public static Server startAsConfigured(Path directory, Map<String, String> env, String name) throws Exception {
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml", // the application's logging, not the tests'
                "-cp",
                System.getProperty("java.class.path"),
                "dev.colloquy.app.Main",
                "serve");
        var builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HTTP_PORT", "0");
        builder.environment().putAll(env);
        Path out = directory.resolve(name + ".out");
        Path err = directory.resolve(name + ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Matcher matcher = LISTENING.matcher(Files.readString(err).replace("\\/", "/"));
            if (matcher.find()) {
                return new Server(process, out, err, URI.create(matcher.group(1)));
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "the server exited with " + process.exitValue() + ": " + Files.readString(err));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError(
                "the server did not start: " + Files.readString(err) + " | stdout: " + Files.readString(out));
    }

    public static int stop(Server server) throws Exception {
        server.process().destroy(); // SIGTERM
        assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        return server.process().exitValue();
    }

    @Test
    void zeroConfigurationServesOnSqliteAndStopsGracefullyOnSigterm(@TempDir Path directory) throws Exception {
        Server server = startAsConfigured(directory, Map.of(), "first");
        try {
            Path database = directory.resolve("data").resolve("colloquy.db").toRealPath();
            assertThat(server.stderr()).contains("Using SQLite database at " + database);
            String token = server.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(token).startsWith("cq_");
            var api = new Api(server.uri());
            var ready = api.get("/health/ready", null);
            assertThat(ready.status()).isEqualTo(200);
            // Semantic search is on without configuration: the bundled model loaded and checked.
            assertThat(ready.json().get("semanticSearch").get("model").asText()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(server.stderr()).contains("Semantic search: model all-minilm-l6-v2-q (384 dimensions)");
            var created = api.post("/v1/conversations", token, "{\"title\":\"kept\"}");
            assertThat(created.status()).isEqualTo(201);
            String conversation = created.json().get("id").asText();
            assertThat(api.post(
                                    "/v1/conversations/" + conversation + "/messages",
                                    token,
                                    "{\"messages\":[{\"role\":\"user\",\"content\":\"I lost my house keys\"}]}")
                            .status())
                    .isEqualTo(201);
            Instant embedded = Instant.now().plus(Duration.ofSeconds(60));
            while (api.get("/v1/search?mode=semantic&q=where+are+my+keys", token)
                    .json()
                    .get("items")
                    .isEmpty()) {
                assertThat(Instant.now()).as("embedded within a minute").isBefore(embedded);
                Thread.sleep(200);
            }
        } finally {
            stop(server);
        }
        assertThat(server.stderr()).contains("Stopping: no new requests").contains("Stopped");

        Server again = startAsConfigured(directory, Map.of(), "second");
        try {
            assertThat(again.stdout()).as("no second bootstrap token").isEmpty();
        } finally {
            stop(again);
        }
    }

    @Test
    void twoProcessesServingOneSqliteFileKeepEveryWrite(@TempDir Path directory) throws Exception {
        String admin = "cq_two-processes-admin-token-0123456789";
        var env = Map.of("COLLOQUY_ADMIN_TOKEN", admin);
        Server first = start(directory, env, "a");
        Server second = start(directory, env, "b");
        try {
            var apis = List.of(new Api(first.uri()), new Api(second.uri()));
            String id = apis.get(0)
                    .post("/v1/conversations", admin, "{}")
                    .json()
                    .get("id")
                    .asText();
            var pool = Executors.newFixedThreadPool(4);
            var tasks = new ArrayList<Callable<Integer>>();
            for (int t = 0; t < 4; t++) {
                Api api = apis.get(t % 2);
                tasks.add(() -> {
                    int ok = 0;
                    for (int i = 0; i < 25; i++) {
                        var answer = api.post(
                                "/v1/conversations/" + id + "/messages",
                                admin,
                                "{\"messages\":[{\"role\":\"user\",\"content\":\"m" + i + "\"}]}");
                        ok += answer.status() == 201 ? 1 : 0;
                    }
                    return ok;
                });
            }
            int stored = 0;
            for (var future : pool.invokeAll(tasks)) {
                stored += future.get();
            }
            pool.shutdown();
            assertThat(stored).isEqualTo(100);
            var seqs = apis.get(1).allMessages(id, admin).stream()
                    .map(m -> m.get("seq").asInt())
                    .toList();
            assertThat(seqs)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 100).boxed().toList());
        } finally {
            stop(first);
            stop(second);
        }
    }
}
