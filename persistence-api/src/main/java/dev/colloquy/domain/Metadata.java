package dev.colloquy.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON object attached to a conversation or a message.
 *
 * <p>Numbers are kept in one canonical form (an integral value that fits a {@code long} is an
 * integer, anything else a double) because the databases render numbers differently: one of them reads
 * {@code 1.0E10} back as {@code 10000000000}. With the canonical form a document reads
 * back equal on both, key order aside.
 */
public final class Metadata {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static final Metadata EMPTY = new Metadata(JsonNodeFactory.instance.objectNode());

    private final ObjectNode node;
    private final String json;

    private Metadata(ObjectNode node) {
        this.node = node;
        try {
            this.json = MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Parses a JSON document that must be an object; {@code field} names it in errors. */
    public static Metadata parse(String field, String json) {
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, "is not valid JSON: " + e.getOriginalMessage());
        }
        return of(field, parsed);
    }

    /** Takes a JSON tree that must be an object; it is copied, never shared. */
    public static Metadata of(String field, JsonNode tree) {
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return EMPTY;
        }
        if (!tree.isObject()) {
            throw new InvalidInputException(field, "must be a JSON object, was " + describe(tree));
        }
        return new Metadata((ObjectNode) canonical(field, tree));
    }

    /** The canonical JSON text, as stored. */
    public String json() {
        return json;
    }

    /** A copy of the JSON tree. */
    public ObjectNode tree() {
        return node.deepCopy();
    }

    public boolean isEmpty() {
        return node.isEmpty();
    }

    private static JsonNode canonical(String field, JsonNode tree) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (tree.isObject()) {
            ObjectNode copy = nodes.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
            while (fields.hasNext()) {
                var entry = fields.next();
                Text.requireStorable(field, entry.getKey());
                copy.set(entry.getKey(), canonical(field, entry.getValue()));
            }
            return copy;
        }
        if (tree.isArray()) {
            var copy = nodes.arrayNode(tree.size());
            tree.forEach(element -> copy.add(canonical(field, element)));
            return copy;
        }
        if (tree.isTextual()) {
            Text.requireStorable(field, tree.textValue());
            return tree;
        }
        if (tree.isNumber()) {
            return canonicalNumber(field, tree);
        }
        return tree;
    }

    private static JsonNode canonicalNumber(String field, JsonNode number) {
        if (number.isIntegralNumber() && number.canConvertToLong()) {
            return JsonNodeFactory.instance.numberNode(number.longValue());
        }
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(field, "holds a number out of range: " + Text.abbreviate(number.asText()));
        }
        if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
            return JsonNodeFactory.instance.numberNode((long) value);
        }
        return JsonNodeFactory.instance.numberNode(value);
    }

    private static String describe(JsonNode tree) {
        return switch (tree.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> tree.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metadata that && node.equals(that.node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
