package dev.colloquy.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.semantic.VectorModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Vectors from an OpenAI-compatible embeddings endpoint ({@code POST {url}/embeddings} with {@code
 * {"model": ..., "input": [texts]}}, answered {@code {"data": [{"index": i, "embedding": [...]}]}}):
 * OpenAI itself, or a server that speaks its API (Ollama, vLLM, LocalAI, text-embeddings-inference,
 * a gateway). The key, if any, goes in {@code Authorization: Bearer} and never in an error or a log
 * line. A text is cut at {@value #MAX_CHARS} characters (about 2,000 tokens, under every common
 * model's input limit), so that no message is refused for its length; a blank text is sent as
 * {@code "(empty)"}. Its vectors are stored under the model's name as given, with the dimensions of
 * the first answer (checked at start by {@link SanityCheck}).
 */
public final class EndpointEmbedder implements Embedder {

    /** The most characters of a text sent. */
    public static final int MAX_CHARS = 8_000;

    /** How long a request may take: far more than a batch of 64 texts needs. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI embeddings;
    private final String model;
    private final Optional<String> key;
    private final HttpClient client;
    private final VectorModel vectorModel;

    /**
     * Asks the endpoint once for the dimensions of its vectors, then runs {@link SanityCheck}.
     *
     * @param url the API's base, such as {@code https://api.openai.com/v1}; {@code /embeddings} is
     *     added
     * @param model the model the endpoint is asked for, and the name the vectors are stored under
     * @param key the bearer key, if the endpoint wants one
     */
    public EndpointEmbedder(URI url, String model, Optional<String> key) {
        String base = url.toString();
        this.embeddings = URI.create((base.endsWith("/") ? base : base + "/") + "embeddings");
        this.model = model;
        this.key = key.filter(k -> !k.isBlank());
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        int dimensions = request(List.of(SanityCheck.FIRST)).get(0).length;
        this.vectorModel = new VectorModel(model, dimensions);
        SanityCheck.run(this);
    }

    @Override
    public VectorModel model() {
        return vectorModel;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        var vectors = request(texts);
        for (float[] vector : vectors) {
            if (vector.length != vectorModel.dimensions()) {
                throw new EmbeddingException("the embedding endpoint " + embeddings + " answered a vector of "
                        + vector.length + " dimensions for model " + model + ", which had "
                        + vectorModel.dimensions());
            }
        }
        return vectors;
    }

    private List<float[]> request(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        var body = JSON.createObjectNode();
        body.put("model", model);
        var input = body.putArray("input");
        for (String text : texts) {
            String sent = text.isBlank() ? LocalEmbedder.BLANK : text;
            if (sent.length() > MAX_CHARS) {
                // not inside a surrogate pair
                int end = Character.isHighSurrogate(sent.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
                sent = sent.substring(0, end);
            }
            input.add(sent);
        }
        var request = HttpRequest.newBuilder(embeddings)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EmbeddingException("the embedding endpoint " + embeddings + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while waiting for the embedding endpoint " + embeddings);
        }
        if (response.statusCode() != 200) {
            throw new EmbeddingException("the embedding endpoint " + embeddings + " answered " + response.statusCode()
                    + (response.statusCode() == 401 || response.statusCode() == 403
                            ? " (is EMBEDDING_API_KEY right?)"
                            : "")
                    + ": " + excerpt(response.body()));
        }
        return vectors(response.body(), texts.size());
    }

    private List<float[]> vectors(String body, int count) {
        JsonNode data;
        try {
            data = JSON.readTree(body).path("data");
        } catch (IOException e) {
            throw new EmbeddingException(
                    "the embedding endpoint " + embeddings + " answered something not JSON: " + excerpt(body));
        }
        if (!data.isArray() || data.size() != count) {
            throw new EmbeddingException("the embedding endpoint " + embeddings + " answered " + data.size()
                    + " vectors for " + count + " texts");
        }
        var vectors = new float[count][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            JsonNode embedding = item.path("embedding");
            if (index < 0 || index >= count || vectors[index] != null || !embedding.isArray() || embedding.isEmpty()) {
                throw new EmbeddingException("the embedding endpoint " + embeddings
                        + " answered a data item without a distinct index and a list of numbers");
            }
            float[] vector = new float[embedding.size()];
            for (int i = 0; i < vector.length; i++) {
                if (!embedding.get(i).isNumber()) {
                    throw new EmbeddingException(
                            "the embedding endpoint " + embeddings + " answered a vector that is not all numbers");
                }
                vector[i] = embedding.get(i).floatValue();
            }
            vectors[index] = vector;
        }
        return new ArrayList<>(List.of(vectors));
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    /** The endpoint failed or answered something unusable. */
    public static final class EmbeddingException extends RuntimeException {
        EmbeddingException(String message) {
            super(message);
        }
    }
}
