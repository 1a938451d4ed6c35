package dev.colloquy.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A search: the query text (see the server's search syntax), optional filters, and the mode (null:
 * {@link SearchMode#KEYWORD}).
 */
public record SearchQuery(
        String q,
        int limit,
        String tag,
        Role role,
        UUID conversationId,
        Instant since,
        Instant until,
        Map<String, String> metadata,
        SearchMode mode) {

    public SearchQuery {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static SearchQuery of(String q) {
        return new SearchQuery(q, 0, null, null, null, null, null, Map.of(), null);
    }

    public SearchQuery withLimit(int value) {
        return new SearchQuery(q, value, tag, role, conversationId, since, until, metadata, mode);
    }

    public SearchQuery withTag(String value) {
        return new SearchQuery(q, limit, value, role, conversationId, since, until, metadata, mode);
    }

    public SearchQuery withRole(Role value) {
        return new SearchQuery(q, limit, tag, value, conversationId, since, until, metadata, mode);
    }

    public SearchQuery inConversation(UUID value) {
        return new SearchQuery(q, limit, tag, role, value, since, until, metadata, mode);
    }

    public SearchQuery within(Instant from, Instant to) {
        return new SearchQuery(q, limit, tag, role, conversationId, from, to, metadata, mode);
    }

    public SearchQuery withMetadata(String key, String value) {
        var more = new LinkedHashMap<>(metadata);
        more.put(key, value);
        return new SearchQuery(q, limit, tag, role, conversationId, since, until, more, mode);
    }

    /** By words, by meaning or both: {@code mode=keyword|semantic|hybrid}. */
    public SearchQuery withMode(SearchMode value) {
        return new SearchQuery(q, limit, tag, role, conversationId, since, until, metadata, value);
    }
}
