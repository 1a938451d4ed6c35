package dev.colloquy.search;

import dev.colloquy.domain.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * One message that matched a search.
 *
 * @param conversationId the message's conversation
 * @param messageId the message
 * @param seq its place in the conversation
 * @param role who wrote it
 * @param snippet a short excerpt around the first match
 * @param createdAt when it was stored
 * @param rank relevance; higher is better. Comparable within one result only, and computed
 *     differently by each database, so only the order is meaningful
 */
public record SearchHit(
        UUID conversationId, UUID messageId, int seq, Role role, String snippet, Instant createdAt, double rank) {}
