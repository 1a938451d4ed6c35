package dev.colloquy.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.it.adapters.AdapterSupport;
import dev.colloquy.mcp.ColloquyMcp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Colloquy's MCP server driven by the MCP Java SDK's own client, over both transports: streamable
 * HTTP ({@code POST /mcp} on the running server) and stdio ({@code java -jar colloquy.jar mcp},
 * talking to that server), with the same answers from both and the REST API's project isolation.
 */
public interface McpContract extends AdapterSupport {

    ObjectMapper JSON = new ObjectMapper();
    Path JAR = Path.of("..").toAbsolutePath().normalize().resolve("app/target/colloquy.jar");

    /** The two ways an agent connects. */
    enum Transport {
        HTTP,
        STDIO
    }

    /** The server's base URL, without a trailing slash. */
    default String baseUrl() {
        String base = api().base().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    default McpSyncClient connect(Transport transport, String token) {
        var mcpTransport = switch (transport) {
            case HTTP ->
                HttpClientStreamableHttpTransport.builder(baseUrl())
                        .endpoint("/mcp")
                        .jsonMapper(ColloquyMcp.jsonMapper())
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                        .build();
            case STDIO ->
                new StdioClientTransport(
                        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString())
                                .args("-jar", JAR.toString(), "mcp")
                                .env(Map.of("COLLOQUY_URL", baseUrl(), "COLLOQUY_TOKEN", token))
                                .build(),
                        ColloquyMcp.jsonMapper());
        };
        var client = McpClient.sync(mcpTransport)
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        var initialized = client.initialize();
        assertThat(initialized.serverInfo().name()).isEqualTo("colloquy");
        assertThat(initialized.capabilities().tools()).isNotNull();
        assertThat(initialized.capabilities().resources()).isNotNull();
        return client;
    }

    static JsonNode call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s: %s", tool, result.content()).isFalse();
        JsonNode structured = JSON.valueToTree(result.structuredContent());
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        try {
            assertThat(JSON.readTree(text))
                    .as("the text content is the structured content")
                    .isEqualTo(structured);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
        return structured;
    }

    static String refusal(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s: %s", tool, result.content()).isTrue();
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    default void bothTransportsOfferTheFourToolsAndTheTwoTranscriptResources() {
        String token = projectToken();
        for (var transport : Transport.values()) {
            try (var client = connect(transport, token)) {
                assertThat(client.listTools().tools())
                        .extracting(McpSchema.Tool::name)
                        .as(transport.name())
                        .containsExactlyInAnyOrder("search_memory", "recall", "remember", "list_conversations");
                assertThat(client.listTools().tools())
                        .allSatisfy(tool ->
                                assertThat(tool.inputSchema().get("type")).isEqualTo("object"));
                assertThat(client.listResourceTemplates().resourceTemplates())
                        .extracting(McpSchema.ResourceTemplate::uriTemplate)
                        .containsExactlyInAnyOrder("colloquy://conversations/{id}", "colloquy://keys/{key}");
            }
        }
    }

    @Test
    default void rememberRecallSearchAndListGiveTheSameAnswersOverBothTransports() throws Exception {
        String token = projectToken();
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String key = "agent:" + UUID.randomUUID() + "~(%41)";
        JsonNode remembered;
        try (var http = connect(Transport.HTTP, token)) {
            remembered = call(
                    http,
                    "remember",
                    Map.of(
                            "key",
                            key,
                            "messages",
                            List.of(
                                    Map.of("role", "user", "content", "my order number is " + word),
                                    Map.of("role", "assistant", "content", "noted, thank you"),
                                    Map.of(
                                            "role",
                                            "user",
                                            "content",
                                            "ship it <b>fast</b>",
                                            "name",
                                            "ada",
                                            "metadata",
                                            Map.of("channel", "chat")))));
        }
        assertThat(remembered.get("messages")).hasSize(3);
        assertThat(remembered.get("messages").get(0).get("seq").asInt()).isEqualTo(1);
        assertThat(remembered.get("messages").get(2).get("name").asText()).isEqualTo("ada");
        String conversationId = remembered.get("conversationId").asText();
        // stored for real: the REST API sees it under the key
        var history = api().get("/v1/keys/" + key.replace("%", "%25") + "/messages", token);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json().get("items")).hasSize(3);

        JsonNode[] recalled = new JsonNode[2];
        JsonNode[] found = new JsonNode[2];
        JsonNode[] listed = new JsonNode[2];
        String[] transcripts = new String[2];
        for (var transport : Transport.values()) {
            try (var client = connect(transport, token)) {
                int i = transport.ordinal();
                recalled[i] = call(client, "recall", Map.of("key", key, "last", 2));
                found[i] = call(client, "search_memory", Map.of("query", word, "key", key, "limit", 5));
                listed[i] = call(client, "list_conversations", Map.of("limit", 10));
                var read = client.readResource(
                        new McpSchema.ReadResourceRequest("colloquy://keys/" + key.replace("%", "%25")));
                transcripts[i] =
                        ((McpSchema.TextResourceContents) read.contents().get(0)).text();
                var byId = client.readResource(
                        new McpSchema.ReadResourceRequest("colloquy://conversations/" + conversationId));
                assertThat(((McpSchema.TextResourceContents) byId.contents().get(0)).text())
                        .isEqualTo(transcripts[i]);
            }
        }
        assertThat(recalled[1]).as("recall, stdio = HTTP").isEqualTo(recalled[0]);
        assertThat(found[1]).as("search, stdio = HTTP").isEqualTo(found[0]);
        assertThat(listed[1]).as("list, stdio = HTTP").isEqualTo(listed[0]);
        assertThat(transcripts[1]).as("transcript, stdio = HTTP").isEqualTo(transcripts[0]);

        assertThat(recalled[0].get("conversation").get("key").asText()).isEqualTo(key);
        assertThat(recalled[0].get("messages")).hasSize(2);
        assertThat(recalled[0].get("messages").get(0).get("content").asText()).isEqualTo("noted, thank you");
        assertThat(recalled[0].get("messages").get(1).get("content").asText())
                .as("text is kept as text")
                .isEqualTo("ship it <b>fast</b>");
        assertThat(found[0].get("items")).hasSize(1);
        assertThat(found[0].get("items").get(0).get("seq").asInt()).isEqualTo(1);
        assertThat(found[0].get("items").get(0).get("snippet").asText()).contains(word);
        assertThat(listed[0].get("items")).hasSize(1);
        assertThat(listed[0].get("items").get(0).get("id").asText()).isEqualTo(conversationId);
        JsonNode transcript = JSON.readTree(transcripts[0]);
        assertThat(transcript.get("conversation").get("id").asText()).isEqualTo(conversationId);
        assertThat(transcript.get("messages")).hasSize(3);

        // filters reach the search: a role, and a key nobody wrote
        try (var client = connect(Transport.HTTP, token)) {
            assertThat(call(client, "search_memory", Map.of("query", word, "role", "assistant"))
                            .get("items"))
                    .isEmpty();
            assertThat(call(client, "search_memory", Map.of("query", word, "key", "nobody-wrote-this"))
                            .get("items"))
                    .isEmpty();
            JsonNode nothing = call(client, "recall", Map.of("key", "nobody-wrote-this"));
            assertThat(nothing.has("conversation")).as(nothing.toString()).isFalse();
            assertThat(nothing.get("messages")).isEmpty();
        }
    }

    @Test
    default void refusedCallsAreErrorResultsNamingTheArgumentAndStoreNothing() {
        String token = projectToken();
        for (var transport : Transport.values()) {
            String key = "refused-" + transport + "-" + UUID.randomUUID();
            try (var client = connect(transport, token)) {
                assertThat(refusal(
                                client,
                                "remember",
                                Map.of(
                                        "key",
                                        key,
                                        "messages",
                                        List.of(
                                                Map.of("role", "user", "content", "fine"),
                                                Map.of("role", "robot", "content", "not a role")))))
                        .contains("messages[1].role");
                assertThat(refusal(
                                client,
                                "remember",
                                Map.of("key", "...", "messages", List.of(Map.of("role", "user", "content", "x")))))
                        .startsWith("Invalid request: ")
                        .contains("key");
                assertThat(refusal(client, "search_memory", Map.of("query", "x", "colour", "red")))
                        .contains("'colour' is not an argument of search_memory");
                assertThat(refusal(client, "search_memory", Map.of("query", "x", "limit", 101)))
                        .contains("'limit' must be a whole number from 1 to 100");
                assertThat(refusal(client, "search_memory", Map.of("query", "x", "mode", "vector")))
                        .contains("'mode' must be keyword, semantic or hybrid");
                assertThat(refusal(client, "search_memory", Map.of("query", "x", "mode", "semantic")))
                        .as("semantic search is off on the contract's servers")
                        .contains("SEMANTIC_SEARCH=off");
                assertThat(refusal(client, "recall", Map.of())).contains("'key' is required");
                assertThat(refusal(client, "list_conversations", Map.of("updated_since", "yesterday")))
                        .contains("'updated_since' must be an instant");
                JsonNode nothing = call(client, "recall", Map.of("key", key));
                assertThat(nothing.get("messages"))
                        .as("a refused batch stores nothing")
                        .isEmpty();
                assertThatThrownBy(() -> client.readResource(
                                new McpSchema.ReadResourceRequest("colloquy://conversations/" + UUID.randomUUID())))
                        .isInstanceOf(McpError.class)
                        .hasMessageContaining("no conversation");
            }
        }
        assertThat(api().get("/v1/conversations", token).json().get("items")).isEmpty();
    }

    @Test
    default void anAgentSeesOnlyItsTokensProject() {
        String mine = projectToken();
        String theirs = projectToken();
        String key = "private-" + UUID.randomUUID();
        String conversationId;
        try (var client = connect(Transport.HTTP, theirs)) {
            conversationId = call(
                            client,
                            "remember",
                            Map.of("key", key, "messages", List.of(Map.of("role", "user", "content", "secret plan"))))
                    .get("conversationId")
                    .asText();
        }
        for (var transport : Transport.values()) {
            try (var client = connect(transport, mine)) {
                assertThat(call(client, "search_memory", Map.of("query", "secret"))
                                .get("items"))
                        .isEmpty();
                assertThat(call(client, "recall", Map.of("key", key)).get("messages"))
                        .isEmpty();
                assertThat(call(client, "list_conversations", Map.of()).get("items"))
                        .isEmpty();
                assertThatThrownBy(() -> client.readResource(
                                new McpSchema.ReadResourceRequest("colloquy://conversations/" + conversationId)))
                        .isInstanceOf(McpError.class);
                assertThat(refusal(
                                client, "search_memory", Map.of("query", "secret", "conversation_id", conversationId)))
                        .startsWith("Not found: ");
            }
        }
    }

    @Test
    default void theHttpEndpointWantsTheApiTokenAndOffersNoStream() {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        var anonymous = api().post("/mcp", null, initialize);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        var wrong = api().post("/mcp", "cq_not-a-token", initialize);
        assertThat(wrong.status()).isEqualTo(401);

        String token = projectToken();
        var answered = api().post("/mcp", token, initialize);
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.json().get("result").get("serverInfo").get("name").asText())
                .isEqualTo("colloquy");
        var notJson = api().post("/mcp", token, "{\"not\":\"json-rpc\"");
        assertThat(notJson.status()).isEqualTo(400);
        var notification = api().post("/mcp", token, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(notification.status()).isEqualTo(202);
        assertThat(api().get("/mcp", token).status()).isEqualTo(405);
    }
}
