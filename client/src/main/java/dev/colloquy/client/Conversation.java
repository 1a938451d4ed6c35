package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A conversation; {@code key} and {@code title} are null when it has none. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Conversation(
        UUID id,
        String key,
        String title,
        Map<String, Object> metadata,
        List<String> tags,
        int messageCount,
        Instant createdAt,
        Instant updatedAt) {

    public Conversation {
        metadata = metadata == null ? Map.of() : metadata;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
