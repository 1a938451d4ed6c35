package dev.colloquy.it.api;

import dev.colloquy.app.Service;
import dev.colloquy.app.config.Environment;
import dev.colloquy.app.server.HttpServer;
import dev.colloquy.it.TestDatabases;
import dev.colloquy.persistence.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A real Colloquy server on a fresh database of one backend, listening on a free loopback port,
 * plus a second handle on the same database for checking what the server stored.
 */
public final class ServerFixture implements AutoCloseable {

    private final HttpServer server;
    private final Database database;
    private final String adminToken = "cq_test-admin-" + UUID.randomUUID();
    private final Api api;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final String url;

    public ServerFixture(String backend) {
        this(backend, Map.of());
    }

    /** A server with {@code settings} on top of the fixture's own. */
    public ServerFixture(String backend, Map<String, String> settings) {
        this(settings, TestDatabases.freshUrl(backend));
    }

    /** A server on the database at {@code url}, with {@code settings} on top of the fixture's own. */
    public static ServerFixture onDatabase(String url, Map<String, String> settings) {
        return new ServerFixture(settings, url);
    }

    private ServerFixture(Map<String, String> settings, String url) {
        this.url = url;
        var out = new PrintStream(output, true, StandardCharsets.UTF_8);
        var values = new HashMap<>(Map.of(
                "DATABASE_URL",
                url,
                "HTTP_PORT",
                "0",
                "COLLOQUY_ADMIN_TOKEN",
                adminToken,
                "LIMIT_REQUEST_BYTES",
                "2000000",
                "HTTP_BODY_TIMEOUT",
                "2s",
                // On in the product by default; off here unless a test turns it on, so that the
                // tests not searching by meaning do not pay for embedding their messages.
                "SEMANTIC_SEARCH",
                "off"));
        values.putAll(settings);
        var environment = new Environment(values, new Properties(), out, out);
        this.server = Service.start(environment);
        this.database = Database.open(TestDatabases.settings(url));
        this.api = new Api(server.uri());
    }

    /** A project token and one of its conversations with a message, for requests that must change nothing. */
    public record Target(String token, String conversationId) {}

    private Target target;

    public synchronized Target target() {
        if (target == null) {
            var project = api.post("/v1/projects", adminToken, "{\"name\":\"target-" + UUID.randomUUID() + "\"}");
            var token = api.post(
                    "/v1/projects/" + project.json().get("id").asText() + "/tokens", adminToken, "{\"name\":\"t\"}");
            String secret = token.json().get("secret").asText();
            var conversation = api.post("/v1/conversations", secret, "{\"title\":\"target\",\"tags\":[\"keep\"]}");
            String id = conversation.json().get("id").asText();
            api.post(
                    "/v1/conversations/" + id + "/messages",
                    secret,
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
            target = new Target(secret, id);
        }
        return target;
    }

    public Api api() {
        return api;
    }

    public Database database() {
        return database;
    }

    /** The database's URL, as the server was given it. */
    public String url() {
        return url;
    }

    public String adminToken() {
        return adminToken;
    }

    public String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
