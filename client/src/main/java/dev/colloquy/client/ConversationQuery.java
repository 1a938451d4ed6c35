package dev.colloquy.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which conversations to list: optional tag, metadata values (compared as text, all must match)
 * and change time; a page size (0 for the server's default).
 */
public record ConversationQuery(int limit, String tag, Map<String, String> metadata, Instant updatedSince) {

    public ConversationQuery {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static ConversationQuery all() {
        return new ConversationQuery(0, null, Map.of(), null);
    }

    public ConversationQuery withLimit(int value) {
        return new ConversationQuery(value, tag, metadata, updatedSince);
    }

    public ConversationQuery withTag(String value) {
        return new ConversationQuery(limit, value, metadata, updatedSince);
    }

    public ConversationQuery withMetadata(String key, String value) {
        var more = new LinkedHashMap<>(metadata);
        more.put(key, value);
        return new ConversationQuery(limit, tag, more, updatedSince);
    }

    public ConversationQuery updatedSince(Instant value) {
        return new ConversationQuery(limit, tag, metadata, value);
    }
}
