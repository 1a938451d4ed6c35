package dev.colloquy.message;

import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.Role;
import java.time.Instant;
import java.util.UUID;

/** A stored message; {@code seq} is 1, 2, 3… within its conversation. */
public record Message(
        UUID id, UUID conversationId, int seq, Role role, String content, Metadata metadata, Instant createdAt) {}
