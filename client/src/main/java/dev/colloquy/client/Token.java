package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** An API token as listed; its secret is never shown again after it is issued. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Token(
        UUID id,
        UUID projectId,
        String name,
        boolean admin,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt) {}
