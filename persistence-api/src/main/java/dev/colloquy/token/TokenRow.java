package dev.colloquy.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A token row read as a value for authentication, which runs on every request: no managed
 * entity to initialize and check for changes at commit.
 */
public record TokenRow(
        UUID id,
        UUID projectId,
        String name,
        String secretHash,
        boolean admin,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt) {

    public static final String SELECT =
            "select new dev.colloquy.token.TokenRow(t.id, t.projectId, t.name, t.secretHash,"
                    + " t.admin, t.createdAt, t.expiresAt, t.revokedAt, t.lastUsedAt) from ApiToken t";

    public ApiToken token() {
        return new ApiToken(
                id,
                projectId,
                name,
                admin,
                createdAt,
                Optional.ofNullable(expiresAt),
                Optional.ofNullable(revokedAt),
                Optional.ofNullable(lastUsedAt));
    }
}
