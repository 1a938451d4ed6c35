package dev.colloquy.app.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants in request bodies are ISO-8601 strings only. Jackson's own reading also takes a number
 * (as epoch seconds) and would turn {@code "expiresAt": 4102444800} into an instant without a word.
 */
final class StrictInstant extends StdScalarDeserializer<Instant> {

    private static final long serialVersionUID = 1L;

    StrictInstant() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getText().strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return (Instant) context.handleWeirdStringValue(
                    Instant.class, text, "not an ISO-8601 UTC instant such as 2026-01-31T12:00:00Z");
        }
    }
}
