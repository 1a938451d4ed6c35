package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.it.TestDatabases;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * app/target/colloquy.war deployed in a real WildFly (unpacked from Maven Central by the build)
 * on each backend, once with Colloquy's own pool and once with a data source the server defines
 * ({@code DATABASE_JNDI}, its driver installed as a server module, as docs/deploy-war.md shows):
 * the API answers with the same JSON and problem documents as the standalone server. The server
 * runs as its own process with its own base directory, and is stopped after.
 */
class WarDeploymentTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WAR = ROOT.resolve("app/target/colloquy.war");
    private static final String ADMIN = "cq_war-admin-token-0123456789abcdefgh";

    private static Path wildflyHome() throws IOException {
        try (Stream<Path> homes = Files.list(ROOT.resolve("it-tests/target/wildfly"))) {
            return homes.filter(p -> p.getFileName().toString().startsWith("wildfly-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "WildFly is not unpacked in it-tests/target/wildfly; run the build with Maven"));
        }
    }

    private static final String JNDI_NAME = "java:jboss/datasources/Colloquy";

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "sqlite, bundled pool, 3100",
        "sqlite, server data source, 3200",
        "postgres, bundled pool, 3300",
        "postgres, server data source, 3400"
    })
    void theWarServesTheApiInWildFly(String backend, String pool, int portOffset, @TempDir Path base) throws Exception {
        assertThat(WAR).exists();
        Path home = wildflyHome();
        copy(home.resolve("standalone"), base);
        Files.copy(WAR, base.resolve("deployments/colloquy.war"), StandardCopyOption.REPLACE_EXISTING);
        Path log = base.resolve("console.log");
        var builder = new ProcessBuilder(
                        home.resolve("bin/standalone.sh").toString(),
                        "-Djboss.server.base.dir=" + base,
                        "-Djboss.socket.binding.port-offset=" + portOffset)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String url = TestDatabases.freshUrl(backend);
        boolean serverDataSource = pool.equals("server data source");
        if (serverDataSource) {
            ServerDataSource.define(home, base, TestDatabases.settings(url).target());
            builder.environment().put("JBOSS_MODULEPATH", ServerDataSource.modulePath(home, base));
            builder.environment().put("DATABASE_JNDI", JNDI_NAME);
            builder.environment().put("DB_DRIVER", backend);
        } else {
            builder.environment().put("DATABASE_URL", url);
        }
        builder.environment().put("COLLOQUY_ADMIN_TOKEN", ADMIN);
        // Semantic search as by default in the first deployment (the model loads and embeds inside
        // WildFly); off in the others, which test the pools.
        boolean semantic = portOffset == 3100;
        if (!semantic) {
            builder.environment().put("SEMANTIC_SEARCH", "off");
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment()
                .put(
                        "JAVA_OPTS",
                        "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true"
                                + " -Djboss.modules.system.pkgs=org.jboss.byteman,org.jacoco.agent.rt"
                                + coverageAgent());
        Process server = builder.start();
        try {
            awaitDeployment(server, log);
            int port = 8080 + portOffset;
            String started = Files.readString(log);
            String ownPool = backend.equals("sqlite") ? "colloquy-sqlite-writer" : "colloquy-postgres";
            if (serverDataSource) {
                assertThat(started)
                        .contains("of the application server's data source " + JNDI_NAME)
                        .doesNotContain(ownPool + " - Start");
            } else {
                assertThat(started).contains(ownPool + " - Start");
            }
            var api = new Api(URI.create("http://127.0.0.1:" + port + "/colloquy/"));

            var ready = api.get("health/ready", null);
            assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
            assertThat(ready.json().get("backend").asText()).isEqualTo(backend);

            var created = api.post("v1/conversations", ADMIN, "{\"title\":\"from the WAR\",\"tags\":[\"War\"]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().get("id").asText();
            assertThat(created.json().get("tags")).hasToString("[\"war\"]");
            var appended = api.post(
                    "v1/conversations/" + id + "/messages",
                    ADMIN,
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"deployed in an application server\"}]}");
            assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
            assertThat(appended.json().get("items").get(0).get("seq").asInt()).isEqualTo(1);
            var hits = api.get("v1/search?q=application", ADMIN);
            assertThat(hits.json().get("items")).hasSize(1);
            assertThat(api.get("health/ready", null)
                            .json()
                            .get("semanticSearch")
                            .get("enabled")
                            .asBoolean())
                    .isEqualTo(semantic);
            if (semantic) {
                // Embedded in the background inside the application server, then found by meaning.
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                JsonNode found;
                do {
                    Thread.sleep(200);
                    found = api.get("v1/search?mode=semantic&q=deployed+on+a+server", ADMIN)
                            .json()
                            .get("items");
                    assertThat(Instant.now()).as("embedded within a minute").isBefore(deadline);
                } while (found.isEmpty());
                assertThat(found.get(0).get("similarity").asDouble()).isPositive();
            } else {
                assertThat(api.get("v1/search?mode=semantic&q=x", ADMIN).status())
                        .isEqualTo(400);
            }

            var unknownField = api.post("v1/conversations", ADMIN, "{\"titel\":\"x\"}");
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.contentType()).startsWith("application/problem+json");
            assertThat(unknownField.problemType()).isEqualTo("urn:colloquy:problem:validation");
            assertThat(api.post("v1/conversations", ADMIN, "{").problemType())
                    .isEqualTo("urn:colloquy:problem:validation");
            assertThat(api.get("v1/conversations", null).status()).isEqualTo(401);
            assertThat(api.get("v1/conversations/" + UUID.randomUUID(), ADMIN).status())
                    .isEqualTo(404);
            assertThat(api.get("openapi", null).json().get("openapi").asText()).startsWith("3.");

            // the MCP endpoint runs in the WAR too: a tool call finds the message appended above
            var toolCall = api.post(
                    "mcp",
                    ADMIN,
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{"
                            + "\"name\":\"search_memory\",\"arguments\":{\"query\":\"application\"}}}");
            assertThat(toolCall.status()).as(toolCall.toString()).isEqualTo(200);
            assertThat(toolCall.json().get("result").get("isError").asBoolean()).isFalse();
            assertThat(toolCall.json().get("result").get("structuredContent").get("items"))
                    .hasSize(1);

            // the console's files are in the WAR, with their security headers, under its context
            var http = HttpClient.newHttpClient();
            var console = URI.create("http://127.0.0.1:" + port + "/colloquy/console");
            var bare = http.send(HttpRequest.newBuilder(console).build(), BodyHandlers.discarding());
            assertThat(bare.statusCode()).isEqualTo(303);
            assertThat(console.resolve(bare.headers().firstValue("Location").orElseThrow()))
                    .isEqualTo(URI.create(console + "/"));
            var page = http.send(
                    HttpRequest.newBuilder(URI.create(console + "/"))
                            .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                            .build(),
                    BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self'");
            assertThat(page.body()).contains("<script src=\"console.js\" defer></script>");
            var script = http.send(
                    HttpRequest.newBuilder(URI.create(console + "/console.js")).build(), BodyHandlers.ofString());
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        } finally {
            // A graceful stop first (WildFly undeploys, Colloquy closes its pools); then whatever
            // still runs is killed and waited for, so that no process writes into the base
            // directory while it is deleted.
            var processes = server.descendants().toList();
            processes.forEach(ProcessHandle::destroy);
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
            for (ProcessHandle process : processes) {
                process.destroyForcibly();
                process.onExit().get(30, TimeUnit.SECONDS);
            }
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The coverage agent of this test JVM, if it runs under one, pointed at a file of its own:
     * the WAR's code then counts toward the merged coverage. Written when WildFly exits.
     */
    private static String coverageAgent() {
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-javaagent:") && argument.contains("jacoco")) {
                String jar =
                        argument.substring(0, argument.indexOf('=') < 0 ? argument.length() : argument.indexOf('='));
                return " " + jar + "=destfile=" + ROOT.resolve("it-tests/target/jacoco-wildfly.exec") + ",append=true";
            }
        }
        return "";
    }

    private static void awaitDeployment(Process server, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("WFLYSRV0010: Deployed \"colloquy.war\"")) {
                return;
            }
            if (text.contains("WFLYCTL0013") || text.contains("Failed to start service") || !server.isAlive()) {
                throw new AssertionError("the WAR did not deploy:\n" + text);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("WildFly did not deploy the WAR within 180 s:\n" + Files.readString(log));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
