package dev.colloquy.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An API token as shown to administrators: never its secret, which is stored only as a hash.
 *
 * @param admin whether it may also manage projects and tokens
 */
public record ApiToken(
        UUID id,
        UUID projectId,
        String name,
        boolean admin,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> revokedAt,
        Optional<Instant> lastUsedAt) {

    /** Whether the token authenticates at {@code now}: not revoked and not expired. */
    public boolean isActiveAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }
}
