package dev.colloquy.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colloquy.domain.InvalidInputException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A message's {@code extras} column: its {@link MessageExtras} as JSON, and {@code "textless":
 * true} when the message has no text (the {@code content} column then holds an empty string). NULL
 * for a message with text and no extras, which most are.
 */
public record StoredExtras(MessageExtras extras, boolean textless) {

    static final StoredExtras NONE = new StoredExtras(MessageExtras.EMPTY, false);

    static StoredExtras of(String content, MessageExtras extras) {
        return new StoredExtras(extras, content == null);
    }

    /** The JSON text stored, or null when there is nothing to store. */
    public String json() {
        if (extras.isEmpty() && !textless) {
            return null;
        }
        ObjectNode tree = MessageExtras.JSON.valueToTree(extras);
        if (textless) {
            tree.put("textless", true);
        }
        try {
            return MessageExtras.JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("extras are always writable as JSON", e);
        }
    }

    /** The column's value read back; null is none. */
    public static StoredExtras parse(String field, String json) {
        if (json == null) {
            return NONE;
        }
        try {
            var tree = MessageExtras.JSON.readTree(json);
            if (!(tree instanceof ObjectNode object)) {
                throw new InvalidInputException(field, "must be a JSON object");
            }
            var textless = object.remove("textless");
            if (textless != null && !textless.isBoolean()) {
                throw new InvalidInputException(field, "has a 'textless' that is not true or false");
            }
            var extras = MessageExtras.JSON.treeToValue(object, MessageExtras.class);
            return new StoredExtras(extras, textless != null && textless.booleanValue());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, "is not a message's extras: " + e.getOriginalMessage());
        }
    }

    /** Maps the column; each backend's JSON column type gives it JSON meaning. */
    @Converter
    public static class Column implements AttributeConverter<StoredExtras, String> {
        @Override
        public String convertToDatabaseColumn(StoredExtras value) {
            return value == null ? null : value.json();
        }

        @Override
        public StoredExtras convertToEntityAttribute(String json) {
            return parse("extras", json);
        }
    }
}
