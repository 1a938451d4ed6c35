package dev.colloquy.search;

import dev.colloquy.domain.Role;
import dev.colloquy.domain.TimeRange;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A search within one project.
 *
 * @param query the user's query text (see {@link SearchQuery})
 * @param limit most hits to return; 0 for the default page size
 * @param tag only conversations with this tag
 * @param role only messages by this role (then no title is found)
 * @param conversationId only this conversation
 * @param range only messages stored (and conversations created) within this range
 * @param metadataEquals only messages whose metadata has each key (top level) with a string value
 *     equal to the given text, or a number or boolean whose JSON text equals it, as the
 *     conversations' listing filters (then no title is found)
 */
public record SearchRequest(
        String query,
        int limit,
        Optional<String> tag,
        Optional<Role> role,
        Optional<UUID> conversationId,
        TimeRange range,
        Map<String, String> metadataEquals) {

    public SearchRequest {
        metadataEquals = Collections.unmodifiableMap(new TreeMap<>(metadataEquals));
    }

    public SearchRequest(
            String query, int limit, Optional<String> tag, Optional<Role> role, Optional<UUID> conversationId) {
        this(query, limit, tag, role, conversationId, TimeRange.ALL, Map.of());
    }

    public static SearchRequest of(String query) {
        return new SearchRequest(query, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public SearchRequest withLimit(int value) {
        return new SearchRequest(query, value, tag, role, conversationId, range, metadataEquals);
    }

    public SearchRequest withTag(String value) {
        return new SearchRequest(query, limit, Optional.of(value), role, conversationId, range, metadataEquals);
    }

    public SearchRequest withRole(Role value) {
        return new SearchRequest(query, limit, tag, Optional.of(value), conversationId, range, metadataEquals);
    }

    public SearchRequest inConversation(UUID value) {
        return new SearchRequest(query, limit, tag, role, Optional.of(value), range, metadataEquals);
    }

    public SearchRequest since(Instant value) {
        return new SearchRequest(query, limit, tag, role, conversationId, range.since(value), metadataEquals);
    }

    public SearchRequest until(Instant value) {
        return new SearchRequest(query, limit, tag, role, conversationId, range.until(value), metadataEquals);
    }

    public SearchRequest withMetadata(String key, String value) {
        var copy = new TreeMap<>(metadataEquals);
        copy.put(key, value);
        return new SearchRequest(query, limit, tag, role, conversationId, range, copy);
    }

    /** Whether only messages can match (a role or a metadata filter: titles have neither). */
    public boolean messagesOnly() {
        return role.isPresent() || !metadataEquals.isEmpty();
    }
}
