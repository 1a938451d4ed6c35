package dev.colloquy.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** API tokens. Secrets are random 256-bit values, kept only as SHA-256 hashes. */
public interface TokenStore {

    IssuedToken issue(UUID projectId, String name, boolean admin, Optional<Instant> expiresAt);

    /**
     * Stores a token whose secret the caller chose (a first admin token given by the operator). The
     * secret must be at least 32 characters.
     */
    IssuedToken issueWithSecret(UUID projectId, String name, boolean admin, String secret);

    /**
     * The database's first token: an admin token of the project, with the given secret or a
     * random one, issued only while the database holds no token at all. Several processes calling
     * this at once on one database issue exactly one between them; the others get nothing.
     */
    Optional<IssuedToken> issueFirstAdmin(UUID projectId, String name, Optional<String> secret);

    /** The active token with this secret, if any: not revoked, not expired. */
    Optional<ApiToken> authenticate(String secret);

    /** The project's tokens, oldest first. */
    List<ApiToken> list(UUID projectId);

    Optional<ApiToken> find(UUID tokenId);

    /** Revokes a token; revoking it again keeps the first revocation time. */
    ApiToken revoke(UUID tokenId);

    /** Records when tokens were last used, in one write for many requests. */
    void recordUse(Map<UUID, Instant> lastUsed);

    /** Whether any token exists at all (first start creates one when none does). */
    boolean any();
}
