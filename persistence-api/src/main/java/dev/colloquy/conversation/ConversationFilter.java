package dev.colloquy.conversation;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which conversations of a project to list, and which page. Results are ordered by {@code
 * updatedAt} descending, then id, so pages never repeat or skip a row.
 *
 * @param tag only conversations carrying this tag (compared lower-cased)
 * @param metadataEquals only conversations whose metadata has each key (top level) with a string
 *     value equal to the given text, or a number or boolean whose JSON text equals it
 * @param updatedSince only conversations updated at or after this instant
 * @param limit page size; 0 for the default
 * @param cursor where the previous page ended, as returned with it
 */
public record ConversationFilter(
        Optional<String> tag,
        Map<String, String> metadataEquals,
        Optional<Instant> updatedSince,
        int limit,
        Optional<String> cursor) {

    public ConversationFilter {
        metadataEquals = Collections.unmodifiableMap(new TreeMap<>(metadataEquals));
    }

    public static ConversationFilter all() {
        return new ConversationFilter(Optional.empty(), Map.of(), Optional.empty(), 0, Optional.empty());
    }

    public ConversationFilter withTag(String value) {
        return new ConversationFilter(Optional.of(value), metadataEquals, updatedSince, limit, cursor);
    }

    public ConversationFilter withMetadata(String key, String value) {
        var copy = new TreeMap<>(metadataEquals);
        copy.put(key, value);
        return new ConversationFilter(tag, copy, updatedSince, limit, cursor);
    }

    public ConversationFilter updatedSince(Instant value) {
        return new ConversationFilter(tag, metadataEquals, Optional.of(value), limit, cursor);
    }

    public ConversationFilter withLimit(int value) {
        return new ConversationFilter(tag, metadataEquals, updatedSince, value, cursor);
    }

    public ConversationFilter after(String value) {
        return new ConversationFilter(tag, metadataEquals, updatedSince, limit, Optional.of(value));
    }
}
