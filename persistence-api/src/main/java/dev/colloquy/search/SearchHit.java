package dev.colloquy.search;

import dev.colloquy.domain.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One match of a search: a message whose content matched, or a conversation whose title matched.
 *
 * @param kind what matched
 * @param conversationId the conversation
 * @param messageId the message, for a message hit
 * @param seq the message's place in its conversation, for a message hit
 * @param role who wrote the message, for a message hit
 * @param snippet a short excerpt around the first match (of the content, or of the title)
 * @param createdAt when the message was stored, or when the conversation was created
 * @param score how well it matched, by {@link Ranking}: higher is better, the same on every
 *     backend
 */
public record SearchHit(
        Kind kind,
        UUID conversationId,
        Optional<UUID> messageId,
        Optional<Integer> seq,
        Optional<Role> role,
        String snippet,
        Instant createdAt,
        double score) {

    /** What a hit matched. */
    public enum Kind {
        MESSAGE,
        TITLE
    }
}
