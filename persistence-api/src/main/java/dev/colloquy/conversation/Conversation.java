package dev.colloquy.conversation;

import dev.colloquy.domain.Metadata;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A conversation as callers see it.
 *
 * @param key the client's own key for it, unique within the project (see {@code Validation#key})
 * @param updatedAt moves on every change and every new message
 * @param version grows with every change of the conversation and of its messages: what its
 *     {@code ETag} is made of
 */
public record Conversation(
        UUID id,
        UUID projectId,
        Optional<String> key,
        Optional<String> title,
        Metadata metadata,
        SortedSet<String> tags,
        int messageCount,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Conversation {
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
    }
}
