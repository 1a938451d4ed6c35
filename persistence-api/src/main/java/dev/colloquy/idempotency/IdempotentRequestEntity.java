package dev.colloquy.idempotency;

import dev.colloquy.domain.IdentifiedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The kept answer to a write made with an idempotency key (table {@code idempotent_request}). */
@Entity(name = "IdempotentRequest")
@Table(name = "idempotent_request")
public class IdempotentRequestEntity extends IdentifiedEntity {

    @Column(name = "token_id", nullable = false, updatable = false)
    private UUID tokenId;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    private String key;

    @Column(name = "fingerprint", nullable = false, updatable = false)
    private String fingerprint;

    @Column(name = "conversation_id", nullable = false, updatable = false)
    private UUID conversationId;

    @Column(name = "status", nullable = false, updatable = false)
    private int status;

    @Column(name = "location", updatable = false)
    private String location;

    @Column(name = "body", nullable = false, updatable = false)
    private String body;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** For JPA. */
    protected IdempotentRequestEntity() {}

    public IdempotentRequestEntity(UUID id, IdempotentRequest request, Answer answer, Instant now) {
        super(id);
        this.tokenId = request.tokenId();
        this.key = request.key();
        this.fingerprint = request.fingerprint();
        this.conversationId = answer.conversationId();
        this.status = answer.status();
        this.location = answer.location().orElse(null);
        this.body = answer.body();
        this.createdAt = now;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The kept answer, as a repeat. */
    public Answer replay() {
        return new Answer(conversationId, status, Optional.ofNullable(location), body, true);
    }
}
