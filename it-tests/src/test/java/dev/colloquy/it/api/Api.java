package dev.colloquy.it.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A small HTTP client for the API under test. */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    /** Where the server listens. */
    public URI base() {
        return base;
    }

    /** One answer: status, content type, headers and the body parsed as JSON (missing if not JSON). */
    public record Answer(int status, String contentType, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String problemType() {
            return json.path("type").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + raw.body();
        }
    }

    public Answer send(String method, String path, String token, String contentType, String body) {
        return send(method, path, token, contentType, body, Map.of());
    }

    /** A request with extra header fields. */
    public Answer send(
            String method, String path, String token, String contentType, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            OpenApiContract.check(method, base.resolve(path), response);
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = MissingNode.getInstance();
            if (type.contains("json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Answer(response.statusCode(), type, response, json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    /** Every message of a conversation, oldest first, read page by page through the history route. */
    public List<JsonNode> allMessages(String conversation, String token) {
        List<JsonNode> all = new ArrayList<>();
        int after = 0;
        while (true) {
            JsonNode page = get("/v1/conversations/" + conversation + "/messages?after=" + after + "&limit=1000", token)
                    .json()
                    .get("items");
            if (page.isEmpty()) {
                return all;
            }
            page.forEach(all::add);
            after = page.get(page.size() - 1).get("seq").asInt();
        }
    }

    public Answer post(String path, String token, String json) {
        return send("POST", path, token, "application/json", json);
    }

    public Answer put(String path, String token, String json) {
        return send("PUT", path, token, "application/json", json);
    }

    public Answer patch(String path, String token, String json) {
        return send("PATCH", path, token, "application/merge-patch+json", json);
    }

    public Answer delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    /** Sends raw bytes with an explicit content length; for oversized and chunked bodies. */
    public Answer postStream(String path, String token, Supplier<InputStream> body) {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .build();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            OpenApiContract.check("POST", base.resolve(path), response);
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") ? JSON.readTree(response.body()) : MissingNode.getInstance();
            return new Answer(response.statusCode(), type, response, json);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
