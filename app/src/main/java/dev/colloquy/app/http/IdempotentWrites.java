package dev.colloquy.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.idempotency.Answer;
import dev.colloquy.idempotency.IdempotentRequest;
import dev.colloquy.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The writes that honour an {@code Idempotency-Key} (creating a conversation, appending and
 * replacing messages). With a key, the write and its answer are stored together, once per token
 * and key; a retry within {@code IDEMPOTENCY_KEY_TTL} gets the first answer again, byte for byte,
 * marked {@code Idempotent-Replayed: true}, and the same key with another request is refused (422).
 * Without a key the write simply runs.
 */
@ApplicationScoped
public class IdempotentWrites {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    Database database;

    @Inject
    ServerSettings settings;

    @Inject
    Clock clock;

    /**
     * What a write answers.
     *
     * @param conversationId the conversation written
     * @param status the success status
     * @param location the {@code Location}, or null
     * @param entity the body, written as the API's JSON
     */
    record Reply(UUID conversationId, Response.Status status, URI location, Object entity) {}

    /**
     * Runs a write, once per key when {@code key} (the header's value) is given.
     *
     * @param caller who asks; keys are per token
     * @param key the {@code Idempotency-Key} header, or null
     * @param operation what the request does to what (method and route with its ids), part of the
     *     request's fingerprint
     * @param input the parsed body, the rest of the fingerprint: two bodies that parse alike (other
     *     whitespace, other key order) are the same request
     */
    <T> Response write(
            Caller caller, String key, String operation, Object input, Supplier<T> work, Function<T, Reply> reply) {
        if (key == null) {
            Reply first = reply.apply(work.get());
            return Response.status(first.status())
                    .location(first.location())
                    .entity(first.entity())
                    .build();
        }
        var request = new IdempotentRequest(caller.token().id(), parseKey(key), fingerprint(operation, input));
        Answer answer = database.idempotency()
                .once(request, clock.instant().minus(settings.idempotencyKeyTtl()), work, result -> {
                    Reply first = reply.apply(result);
                    return Answer.of(
                            first.conversationId(),
                            first.status().getStatusCode(),
                            Optional.ofNullable(first.location()).map(URI::toString),
                            json(first.entity()));
                });
        var response = Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON_TYPE);
        answer.location().ifPresent(location -> response.location(URI.create(location)));
        if (answer.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    /**
     * The key as sent, or as a structured-field string ({@code "..."}, the form the IETF draft
     * uses); either way 1 to 255 visible ASCII characters. {@code abc} and {@code "abc"} are the
     * same key.
     */
    static String parseKey(String header) {
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
            if (key.indexOf('"') >= 0 || key.indexOf('\\') >= 0) {
                throw new InvalidInputException(HEADER, "a quoted key may not hold '\"' or '\\'");
            }
        }
        return IdempotentRequest.checkKey(key);
    }

    /** SHA-256 of the operation and the body in a canonical JSON form (object keys sorted). */
    static String fingerprint(String operation, Object input) {
        var text = new StringBuilder(operation).append('\n');
        canonical(Json.MAPPER.valueToTree(input), text);
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            var names = new ArrayList<String>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",").append(quoted(names.get(i))).append(':');
                canonical(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String quoted(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object entity) {
        try {
            return Json.MAPPER.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }
}
