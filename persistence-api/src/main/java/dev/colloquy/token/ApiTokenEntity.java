package dev.colloquy.token;

import dev.colloquy.domain.IdentifiedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity(name = "ApiToken")
@Table(name = "api_token")
public class ApiTokenEntity extends IdentifiedEntity {

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(name = "name", nullable = false, updatable = false)
    private String name;

    @Column(name = "secret_hash", nullable = false, updatable = false)
    private String secretHash;

    @Column(name = "admin", nullable = false, updatable = false)
    private boolean admin;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    /** For JPA. */
    protected ApiTokenEntity() {}

    public ApiTokenEntity(
            UUID id, UUID projectId, String name, String secretHash, boolean admin, Instant now, Instant expiresAt) {
        super(id);
        this.projectId = projectId;
        this.name = name;
        this.secretHash = secretHash;
        this.admin = admin;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public ApiToken toToken() {
        return new TokenRow(id(), projectId, name, secretHash, admin, createdAt, expiresAt, revokedAt, lastUsedAt)
                .token();
    }
}
