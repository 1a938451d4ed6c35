package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.colloquy.embedding.EndpointEmbedder;
import dev.colloquy.embedding.LocalEmbedder;
import dev.colloquy.semantic.VectorModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vectors from an OpenAI-compatible endpoint ({@code EMBEDDING_URL}): a local stand-in server
 * speaking that API, whose vectors are the bundled model's under another model's name, with a key
 * it checks; the embedder against it, and a server using it.
 */
class EmbeddingEndpointTest {

    static final String KEY = "sk-stand-in-0123456789";
    static final String MODEL = "stand-in-embedding-model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer standIn;
    /** Texts the stand-in was asked to embed, in order. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** The status the stand-in answers instead of vectors, 0 for vectors. */
    private final AtomicInteger failWith = new AtomicInteger();

    @BeforeEach
    void startStandIn() throws IOException {
        standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/v1/embeddings", this::answer);
        standIn.start();
    }

    @AfterEach
    void stopStandIn() {
        standIn.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + standIn.getAddress().getPort() + "/v1");
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            int status;
            ObjectNode body = JSON.createObjectNode();
            if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body.putObject("error").put("message", "Incorrect API key provided");
            } else if (!MODEL.equals(request.path("model").asText())) {
                status = 404;
                body.putObject("error").put("message", "The model does not exist");
            } else if (failWith.get() != 0) {
                status = failWith.get();
                body.putObject("error").put("message", "overloaded");
            } else {
                status = 200;
                var texts = new ArrayList<String>();
                request.path("input").forEach(text -> texts.add(text.asText()));
                received.addAll(texts);
                var vectors = LocalEmbedder.shared().embed(texts);
                body.put("object", "list");
                body.put("model", MODEL);
                var data = body.putArray("data");
                // in reverse order: the index says which text a vector is of
                for (int i = vectors.size() - 1; i >= 0; i--) {
                    var item = data.addObject();
                    item.put("object", "embedding");
                    item.put("index", i);
                    var embedding = item.putArray("embedding");
                    for (float component : vectors.get(i)) {
                        embedding.add(component);
                    }
                }
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Test
    void theEmbedderGetsTheEndpointsVectorsInTheTextsOrder() {
        var embedder = new EndpointEmbedder(url(), MODEL, Optional.of(KEY));
        assertThat(embedder.model()).isEqualTo(new VectorModel(MODEL, 384));
        var texts = List.of("reset my password", "", "x".repeat(9_000), "the parcel never arrived");
        received.clear();
        var vectors = embedder.embed(texts);
        assertThat(received)
                .containsExactly(
                        "reset my password",
                        "(empty)",
                        "x".repeat(EndpointEmbedder.MAX_CHARS),
                        "the parcel never arrived");
        var local = LocalEmbedder.shared().embed(received);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(Arrays.equals(vectors.get(i), local.get(i)))
                    .as("vector %d", i)
                    .isTrue();
        }
    }

    @Test
    void anEndpointThatRefusesOrFailsIsNamedAndTheKeyNever() {
        assertThatThrownBy(() -> new EndpointEmbedder(url(), MODEL, Optional.of("sk-wrong-key-0000")))
                .hasMessageContaining("answered 401 (is EMBEDDING_API_KEY right?)")
                .hasMessageContaining("Incorrect API key provided")
                .hasMessageNotContaining("sk-wrong-key-0000");
        assertThatThrownBy(() -> new EndpointEmbedder(url(), "no-such-model", Optional.of(KEY)))
                .hasMessageContaining("answered 404")
                .hasMessageNotContaining(KEY);
        var embedder = new EndpointEmbedder(url(), MODEL, Optional.of(KEY));
        failWith.set(503);
        assertThatThrownBy(() -> embedder.embed(List.of("hello")))
                .isInstanceOf(EndpointEmbedder.EmbeddingException.class)
                .hasMessageContaining("answered 503: {\"error\":{\"message\":\"overloaded\"}}");
        standIn.stop(0);
        assertThatThrownBy(() -> embedder.embed(List.of("hello")))
                .isInstanceOf(EndpointEmbedder.EmbeddingException.class)
                .hasMessageContaining("could not be reached");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void aServerEmbedsAndSearchesThroughTheEndpoint(String backend) throws Exception {
        var settings = Map.of(
                "SEMANTIC_SEARCH",
                "on",
                "EMBEDDING_URL",
                url().toString(),
                "EMBEDDING_MODEL",
                MODEL,
                "EMBEDDING_API_KEY",
                KEY);
        try (var server = new ServerFixture(backend, settings)) {
            String token = server.target().token();
            var ready = server.api().get("/health/ready", null);
            assertThat(ready.json().get("semanticSearch").get("model").asText()).isEqualTo(MODEL);
            assertThat(ready.json().get("semanticSearch").get("dimensions").asInt())
                    .isEqualTo(384);
            String conversation = server.api()
                    .post("/v1/conversations", token, "{}")
                    .json()
                    .get("id")
                    .asText();
            var stored = server.api().post("/v1/conversations/" + conversation + "/messages", token, """
                    {"messages":[
                      {"role":"user","content":"I forgot my login credentials"},
                      {"role":"user","content":"Sourdough needs a long, slow rise"}]}""");
            assertThat(stored.status()).isEqualTo(201);
            String expected = stored.json().get("items").get(0).get("id").asText();
            String other = stored.json().get("items").get(1).get("id").asText();
            String query =
                    "/v1/search?mode=semantic&q=" + URLEncoder.encode("reset my password", StandardCharsets.UTF_8);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            JsonNode hits;
            while (!(hits = server.api().get(query, token).json().get("items"))
                            .toString()
                            .contains(other)
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(hits.toString()).contains(other);
            assertThat(hits.get(0).get("messageId").asText()).isEqualTo(expected);
            assertThat(received).contains("I forgot my login credentials", "Sourdough needs a long, slow rise");

            // The endpoint failing: a search by meaning is a 503 naming it; words still work.
            failWith.set(500);
            var unavailable = server.api().get(query, token);
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.json().toString())
                    .contains("search by meaning is unavailable")
                    .contains("answered 500")
                    .doesNotContain(KEY);
            assertThat(server.api().get("/v1/search?q=sourdough", token).json().get("items"))
                    .hasSize(1);
        }
    }
}
