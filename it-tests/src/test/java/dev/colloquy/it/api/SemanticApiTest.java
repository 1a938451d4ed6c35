package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.client.ColloquyClient;
import dev.colloquy.client.SearchMode;
import dev.colloquy.client.SearchQuery;
import dev.colloquy.mcp.ColloquyMcp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Search by meaning over HTTP on a real server with semantic search on: messages embedded in the
 * background after they are stored, found by {@code mode=semantic} and {@code mode=hybrid}; the
 * backlog in readiness; and the errors of a wrong mode, a missing query, or semantic search off.
 */
class SemanticApiTest {

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * Waits until a search by meaning finds {@code count} messages (the indexer embeds them in the
     * background), then until readiness's backlog, counted about every second, is 0.
     */
    private static JsonNode embedded(ServerFixture server, String token, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (server.api()
                        .get("/v1/search?mode=semantic&q=x", token)
                        .json()
                        .get("items")
                        .size()
                < count) {
            assertThat(Instant.now())
                    .as("the messages are embedded within a minute")
                    .isBefore(deadline);
            Thread.sleep(100);
        }
        while (true) {
            var ready = server.api().get("/health/ready", null);
            assertThat(ready.status()).isEqualTo(200);
            JsonNode semantic = ready.json().get("semanticSearch");
            if (semantic.get("backlog").asLong() == 0) {
                return semantic;
            }
            assertThat(Instant.now())
                    .as("the backlog is counted 0 within a minute")
                    .isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void messagesAreFoundByMeaningOnceEmbeddedInTheBackground(String backend) throws Exception {
        try (var server = new ServerFixture(backend, Map.of("SEMANTIC_SEARCH", "on"))) {
            var target = server.target();
            String token = target.token();
            var conversation = server.api()
                    .post("/v1/conversations", token, "{\"title\":\"support\",\"tags\":[\"help\"]}")
                    .json()
                    .get("id")
                    .asText();
            var stored = server.api().post("/v1/conversations/" + conversation + "/messages", token, """
                            {"messages":[
                              {"role":"user","content":"I forgot my login credentials and cannot sign in"},
                              {"role":"assistant","content":"Sourdough needs a long, slow rise"},
                              {"role":"user","content":"The invoice for March is still unpaid"},
                              {"role":"user","content":"My package never arrived"}]}""");
            assertThat(stored.status()).isEqualTo(201);
            var ids = new ArrayList<String>();
            stored.json().get("items").forEach(item -> ids.add(item.get("id").asText()));

            JsonNode status = embedded(server, token, 5);
            assertThat(status.get("enabled").asBoolean()).isTrue();
            assertThat(status.get("model").asText()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(status.get("dimensions").asInt()).isEqualTo(384);
            String metrics = server.api().get("/metrics", null).raw().body();
            assertThat(metrics)
                    .contains("colloquy_embedding_backlog 0.0")
                    .contains("colloquy_embedding_failures_total 0.0");
            assertThat(metrics).containsPattern("colloquy_embedding_embedded_total [5-9]\\.0");

            var semantic = server.api().get("/v1/search?mode=semantic&q=" + q("reset my password"), token);
            assertThat(semantic.status()).isEqualTo(200);
            JsonNode hits = semantic.json().get("items");
            // Every message of the project with a vector, the paraphrase first; its score is its similarity.
            assertThat(hits).hasSize(5);
            assertThat(hits.get(0).get("messageId").asText()).isEqualTo(ids.get(0));
            assertThat(hits.get(0).get("kind").asText()).isEqualTo("message");
            assertThat(hits.get(0).get("similarity").asDouble())
                    .isEqualTo(hits.get(0).get("score").asDouble())
                    .isBetween(0.3, 1.0);
            assertThat(semantic.json().get("capped").asBoolean()).isFalse();
            // With filters and a limit.
            var filtered = server.api()
                    .get(
                            "/v1/search?mode=semantic&limit=1&tag=help&role=user&conversationId=" + conversation + "&q="
                                    + q("where is my parcel"),
                            token);
            assertThat(filtered.json().get("items"))
                    .singleElement()
                    .satisfies(hit -> assertThat(hit.get("messageId").asText()).isEqualTo(ids.get(3)));
            // Hybrid: the word ranking and the meaning fused; a word search has no similarity.
            var hybrid = server.api().get("/v1/search?mode=hybrid&q=" + q("invoice"), token);
            assertThat(hybrid.status()).isEqualTo(200);
            assertThat(hybrid.json().get("items").get(0).get("messageId").asText())
                    .isEqualTo(ids.get(2));
            assertThat(hybrid.json().get("items").get(0).get("similarity").isNumber())
                    .isTrue();
            var words = server.api().get("/v1/search?q=" + q("invoice"), token);
            assertThat(words.json().get("items")).singleElement().satisfies(hit -> {
                assertThat(hit.get("messageId").asText()).isEqualTo(ids.get(2));
                assertThat(hit.has("similarity")).isFalse();
            });
            assertThat(server.api()
                            .get("/v1/search?mode=keyword&q=" + q("invoice"), token)
                            .json())
                    .isEqualTo(words.json());

            // The Java client and the MCP tool search by meaning too.
            var client =
                    ColloquyClient.builder(server.api().base()).token(token).build();
            var byClient = client.search(SearchQuery.of("where is my parcel").withMode(SearchMode.SEMANTIC));
            assertThat(byClient.items().get(0).messageId()).hasToString(ids.get(3));
            assertThat(byClient.items().get(0).similarity()).isBetween(0.3, 1.0);
            assertThat(client.search(SearchQuery.of("invoice")).items())
                    .singleElement()
                    .satisfies(hit -> assertThat(hit.similarity()).isNull());
            var transport = HttpClientStreamableHttpTransport.builder(
                            server.api().base().toString().replaceAll("/$", ""))
                    .endpoint("/mcp")
                    .jsonMapper(ColloquyMcp.jsonMapper())
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                    .build();
            try (var mcp = McpClient.sync(transport).build()) {
                mcp.initialize();
                var result = mcp.callTool(new McpSchema.CallToolRequest(
                        "search_memory", Map.of("query", "where is my parcel", "mode", "semantic", "limit", 1)));
                assertThat(result.isError()).as("%s", result.content()).isFalse();
                JsonNode found = new ObjectMapper().valueToTree(result.structuredContent());
                assertThat(found.get("items")).singleElement().satisfies(hit -> {
                    assertThat(hit.get("messageId").asText()).isEqualTo(ids.get(3));
                    assertThat(hit.get("similarity").asDouble()).isBetween(0.3, 1.0);
                });
            }

            // Bad input: a problem, naming the parameter.
            var unknown = server.api().get("/v1/search?mode=vector&q=x", token);
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().toString()).contains("mode").contains("keyword, semantic or hybrid");
            var empty = server.api().get("/v1/search?mode=semantic", token);
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.json().toString()).contains("q").contains("required for mode=semantic");
            // Another project's conversation is not found by meaning either.
            var stranger = server.api()
                    .get("/v1/search?mode=semantic&q=x&conversationId=" + conversation, strangerToken(server));
            assertThat(stranger.status()).isEqualTo(404);
        }
    }

    private static String strangerToken(ServerFixture server) {
        var project = server.api()
                .post("/v1/projects", server.adminToken(), "{\"name\":\"stranger-" + System.nanoTime() + "\"}");
        return server.api()
                .post(
                        "/v1/projects/" + project.json().get("id").asText() + "/tokens",
                        server.adminToken(),
                        "{\"name\":\"s\"}")
                .json()
                .get("secret")
                .asText();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void aProjectOptsOutOfSearchByMeaningAndBackIn(String backend) throws Exception {
        try (var server = new ServerFixture(backend, Map.of("SEMANTIC_SEARCH", "on"))) {
            String admin = server.adminToken();
            var created = server.api().post("/v1/projects", admin, "{\"name\":\"quiet\",\"semanticSearch\":false}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("semanticSearch").asBoolean()).isFalse();
            String id = created.json().get("id").asText();
            assertThat(server.api().get("/v1/projects", admin).json().get("items"))
                    .anySatisfy(p -> {
                        assertThat(p.get("name").asText()).isEqualTo("quiet");
                        assertThat(p.get("semanticSearch").asBoolean()).isFalse();
                    })
                    .anySatisfy(
                            p -> assertThat(p.get("semanticSearch").asBoolean()).isTrue());
            String token = server.api()
                    .post("/v1/projects/" + id + "/tokens", admin, "{\"name\":\"app\"}")
                    .json()
                    .get("secret")
                    .asText();
            var conversation = server.api()
                    .post("/v1/conversations", token, "{}")
                    .json()
                    .get("id")
                    .asText();
            assertThat(server.api()
                            .post(
                                    "/v1/conversations/" + conversation + "/messages",
                                    token,
                                    "{\"messages\":[{\"role\":\"user\",\"content\":\"My flight was cancelled\"}]}")
                            .status())
                    .isEqualTo(201);
            for (String mode : List.of("semantic", "hybrid")) {
                var refused = server.api().get("/v1/search?mode=" + mode + "&q=" + q("travel trouble"), token);
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.json().toString())
                        .contains("search by meaning is off for this project")
                        .contains("mode");
            }
            assertThat(server.api().get("/v1/search?q=flight", token).json().get("items"))
                    .hasSize(1);

            // Bad patches change nothing.
            String path = "/v1/projects/" + id;
            for (String body :
                    List.of("{\"name\":\"loud\"}", "{\"semanticSearch\":\"yes\"}", "{\"semanticSearch\":null}", "[]")) {
                var bad = server.api().patch(path, admin, body);
                assertThat(bad.status()).as(body).isEqualTo(400);
                assertThat(bad.contentType()).startsWith("application/problem+json");
            }
            assertThat(server.api()
                            .patch(path, token, "{\"semanticSearch\":true}")
                            .status())
                    .isEqualTo(403);
            assertThat(server.api()
                            .patch(
                                    "/v1/projects/0190a0c0-d0e0-7000-8000-00000000ffff",
                                    admin,
                                    "{\"semanticSearch\":true}")
                            .status())
                    .isEqualTo(404);
            assertThat(server.api().patch("/v1/projects/nope", admin, "{}").status())
                    .isEqualTo(400);
            assertThat(server.api()
                            .patch(path, admin, "{}")
                            .json()
                            .get("semanticSearch")
                            .asBoolean())
                    .isFalse();

            // The same through the Java client.
            var adminClient =
                    ColloquyClient.builder(server.api().base()).token(admin).build();
            var quietToo = adminClient.createProject("quiet too", false);
            assertThat(quietToo.semanticSearch()).isFalse();
            assertThat(adminClient.updateProject(quietToo.id(), true).semanticSearch())
                    .isTrue();
            assertThat(adminClient.projects())
                    .filteredOn(p -> p.name().equals("quiet too"))
                    .singleElement()
                    .satisfies(p -> assertThat(p.semanticSearch()).isTrue());

            // Back on: the message stored meanwhile is embedded in the background and found.
            var on = server.api().patch(path, admin, "{\"semanticSearch\":true}");
            assertThat(on.status()).isEqualTo(200);
            assertThat(on.json().get("semanticSearch").asBoolean()).isTrue();
            assertThat(on.json().get("name").asText()).isEqualTo("quiet");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            JsonNode hits;
            while ((hits = server.api()
                                    .get("/v1/search?mode=semantic&q=" + q("travel trouble"), token)
                                    .json()
                                    .get("items"))
                            .isEmpty()
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(hits)
                    .singleElement()
                    .satisfies(
                            hit -> assertThat(hit.get("similarity").asDouble()).isPositive());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite"})
    void withSemanticSearchOffOnlyWordsAreSearched(String backend) {
        try (var server = new ServerFixture(backend, Map.of("SEMANTIC_SEARCH", "off"))) {
            String token = server.target().token();
            var ready = server.api().get("/health/ready", null);
            assertThat(ready.json().get("semanticSearch").toString()).isEqualTo("{\"enabled\":false}");
            for (String mode : List.of("semantic", "hybrid")) {
                var refused = server.api().get("/v1/search?mode=" + mode + "&q=hello", token);
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.json().toString()).contains("SEMANTIC_SEARCH=off");
            }
            assertThat(server.api().get("/v1/search?q=hello", token).json().get("items"))
                    .hasSize(1);
        }
    }
}
