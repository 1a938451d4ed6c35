package dev.colloquy.search;

import dev.colloquy.domain.Role;
import java.util.Optional;
import java.util.UUID;

/**
 * A search within one project.
 *
 * @param query the user's query text (see {@link SearchQuery})
 * @param limit most hits to return; 0 for the default page size
 * @param tag only conversations with this tag
 * @param role only messages by this role
 * @param conversationId only this conversation
 */
public record SearchRequest(
        String query, int limit, Optional<String> tag, Optional<Role> role, Optional<UUID> conversationId) {

    public static SearchRequest of(String query) {
        return new SearchRequest(query, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public SearchRequest withLimit(int value) {
        return new SearchRequest(query, value, tag, role, conversationId);
    }

    public SearchRequest withTag(String value) {
        return new SearchRequest(query, limit, Optional.of(value), role, conversationId);
    }

    public SearchRequest withRole(Role value) {
        return new SearchRequest(query, limit, tag, Optional.of(value), conversationId);
    }

    public SearchRequest inConversation(UUID value) {
        return new SearchRequest(query, limit, tag, role, Optional.of(value));
    }
}
