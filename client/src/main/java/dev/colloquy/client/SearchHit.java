package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A search hit: a message ({@code kind} {@code message}) or a conversation's title ({@code
 * title}, with null {@code messageId}, {@code seq} and {@code role}). {@code similarity}: the cosine
 * similarity to the query, for a hit found by meaning ({@link SearchMode#SEMANTIC}, {@link
 * SearchMode#HYBRID}); null otherwise.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchHit(
        String kind,
        UUID conversationId,
        UUID messageId,
        Integer seq,
        Role role,
        String snippet,
        Instant createdAt,
        double score,
        Double similarity) {}
