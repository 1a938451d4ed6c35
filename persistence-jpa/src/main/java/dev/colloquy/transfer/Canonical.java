package dev.colloquy.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Metadata;
import dev.colloquy.message.StoredExtras;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;

/**
 * The canonical encoding of a row, the same whichever database it was read from: a JSON array of
 * its values in column order, ids as lower-case UUID text, instants as UTC epoch milliseconds,
 * JSON objects with their numbers canonical and keys sorted (so neither key order nor a
 * database's own JSON rendering matters).
 */
final class Canonical {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Canonical() {}

    static String encode(Row row) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < row.values().size(); i++) {
            array.add(value(row.table().columns().get(i).kind(), row.values().get(i)));
        }
        return write(array);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static JsonNode value(Kind kind, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (kind) {
            case ID -> NODES.textNode(((UUID) value).toString());
            case INSTANT, OPTIONAL_INSTANT -> NODES.numberNode(((Instant) value).toEpochMilli());
            case INTEGER -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case JSON_OBJECT -> json((String) value);
            case OPTIONAL_EXTRAS -> extras((String) value);
            case TEXT, OPTIONAL_TEXT, ROLE, TAG_NAME, OPTIONAL_KEY -> NODES.textNode((String) value);
        };
    }

    /** A message's extras, canonical; text that is not extras stays text, so that it still compares. */
    static JsonNode extras(String text) {
        try {
            String json = StoredExtras.parse("extras", text).json();
            return json == null ? NODES.nullNode() : sorted(MAPPER.readTree(json));
        } catch (InvalidInputException | JsonProcessingException e) {
            return NODES.textNode(text);
        }
    }

    /** A JSON object, canonical; text that is not one stays text, so that it still compares. */
    static JsonNode json(String text) {
        try {
            return sorted(Metadata.parse("metadata", text).tree());
        } catch (InvalidInputException e) {
            return NODES.textNode(text);
        }
    }

    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            var names = new ArrayList<String>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = NODES.objectNode();
            for (String name : names) {
                copy.set(name, sorted(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
