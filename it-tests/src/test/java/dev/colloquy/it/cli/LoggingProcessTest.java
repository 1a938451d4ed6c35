package dev.colloquy.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.it.api.Api;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own log, as its logback.xml writes it: an access line per request carrying the
 * request id, the route template, the status and the project, never the token or a query string;
 * {@code LOG_FORMAT=json} makes every line one JSON object; {@code ACCESS_LOG=off} drops the
 * access lines.
 */
class LoggingProcessTest {

    private static final String ADMIN = "cq_logging-admin-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void traffic(Api api) {
        api.send(
                "POST",
                "/v1/conversations",
                ADMIN,
                "application/json",
                "{\"title\":\"logged\"}",
                Map.of("X-Request-Id", "req-create-1"));
        api.send("GET", "/v1/search?q=walrus-secret-query", ADMIN, null, null, Map.of("X-Request-Id", "req-search-2"));
        api.send("GET", "/v1/conversations/nope", ADMIN, null, null, Map.of("X-Request-Id", "req-bad-3"));
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithTheRequestIdInEveryAccessLine(@TempDir Path directory) throws Exception {
        var server =
                ServeProcessTest.start(directory, Map.of("COLLOQUY_ADMIN_TOKEN", ADMIN, "LOG_FORMAT", "json"), "json");
        try {
            traffic(new Api(server.uri()));
        } finally {
            ServeProcessTest.stop(server);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : server.stderr().strip().lines().toList()) {
            lines.add(JSON.readTree(line)); // every line is one JSON object
        }
        assertThat(lines).extracting(l -> l.get("formattedMessage").asText()).contains("Stopped");
        var access = lines.stream()
                .filter(l -> l.get("loggerName").asText().equals("colloquy.access"))
                .toList();
        assertThat(access)
                .extracting(l -> l.get("mdc").get("requestId").asText())
                .containsExactly("req-create-1", "req-search-2", "req-bad-3");
        assertThat(access.get(0).get("formattedMessage").asText())
                .startsWith("POST /v1/conversations 201 ")
                .contains(" bytes project ");
        assertThat(access.get(1).get("formattedMessage").asText()).startsWith("GET /v1/search 200 ");
        assertThat(access.get(2).get("formattedMessage").asText()).startsWith("GET /v1/conversations/{id} 400 ");
        assertThat(server.stderr()).doesNotContain(ADMIN).doesNotContain("walrus-secret-query");
    }

    @Test
    void textLogsCarryTheRequestIdAndAccessLinesCanBeTurnedOff(@TempDir Path directory) throws Exception {
        var server = ServeProcessTest.start(directory, Map.of("COLLOQUY_ADMIN_TOKEN", ADMIN), "text");
        try {
            traffic(new Api(server.uri()));
        } finally {
            ServeProcessTest.stop(server);
        }
        assertThat(server.stderr())
                .contains("colloquy.access - [req-create-1] POST /v1/conversations 201 ")
                .contains("colloquy.access - [req-bad-3] GET /v1/conversations/{id} 400 ")
                .contains("INFO  d.c.a.server.HttpServer - Colloquy listening on")
                .doesNotContain(ADMIN)
                .doesNotContain("walrus-secret-query");

        var quiet =
                ServeProcessTest.start(directory, Map.of("COLLOQUY_ADMIN_TOKEN", ADMIN, "ACCESS_LOG", "off"), "quiet");
        try {
            traffic(new Api(quiet.uri()));
        } finally {
            ServeProcessTest.stop(quiet);
        }
        assertThat(quiet.stderr()).doesNotContain("colloquy.access").contains("Stopped");
    }
}
