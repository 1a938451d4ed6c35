package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who wrote a message. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL;

    /** The name the API uses: {@code system}, {@code user}, {@code assistant}, {@code tool}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Role of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
