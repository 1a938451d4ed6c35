package dev.colloquy.search;

import dev.colloquy.domain.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
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
 * @param score how well it matched: by {@link Ranking} for a search by words, the cosine
 *     similarity for a search by meaning, the fused score for a hybrid search; higher is better,
 *     the same on every backend
 * @param similarity the cosine similarity of the message's vector and the query's (-1 to 1), for a
 *     hit of a search by meaning or a hybrid search that has one
 */
public record SearchHit(
        Kind kind,
        UUID conversationId,
        Optional<UUID> messageId,
        Optional<Integer> seq,
        Optional<Role> role,
        String snippet,
        Instant createdAt,
        double score,
        OptionalDouble similarity) {

    /** A hit of a search by words, without similarity. */
    public SearchHit(
            Kind kind,
            UUID conversationId,
            Optional<UUID> messageId,
            Optional<Integer> seq,
            Optional<Role> role,
            String snippet,
            Instant createdAt,
            double score) {
        this(kind, conversationId, messageId, seq, role, snippet, createdAt, score, OptionalDouble.empty());
    }

    /** This hit with another score and similarity. */
    public SearchHit scored(double value, OptionalDouble similarityValue) {
        return new SearchHit(kind, conversationId, messageId, seq, role, snippet, createdAt, value, similarityValue);
    }

    /** What a hit matched. */
    public enum Kind {
        MESSAGE,
        TITLE
    }
}
