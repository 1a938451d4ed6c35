package dev.colloquy.semantic;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message's vector of one embedding model, or the claim of an indexer on it while it is made
 * ({@code vector} null, {@code claimedUntil} set). See the schema's version 6.
 */
/* The rows of every backend's similarity query: (id, vector), see NativeQuery.MESSAGE_SIMILAR. */
@SqlResultSetMapping(
        name = "SimilarCandidate",
        columns = {@ColumnResult(name = "id", type = UUID.class), @ColumnResult(name = "vector", type = byte[].class)})
@Entity(name = "MessageEmbedding")
@Table(name = "message_embedding")
@IdClass(MessageEmbeddingEntity.Key.class)
public class MessageEmbeddingEntity {

    @Id
    @Column(name = "message_id", nullable = false, updatable = false)
    private UUID messageId;

    @Id
    @Column(name = "model", nullable = false, updatable = false)
    private String model;

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(name = "conversation_id", nullable = false, updatable = false)
    private UUID conversationId;

    @Column(name = "role", nullable = false, updatable = false)
    private String role;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "dimensions", nullable = false, updatable = false)
    private int dimensions;

    @Column(name = "generation")
    private Long generation;

    @Column(name = "vector")
    private byte[] vector;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "embedded_at")
    private Instant embeddedAt;

    /** For JPA. */
    protected MessageEmbeddingEntity() {}

    public UUID messageId() {
        return messageId;
    }

    public String model() {
        return model;
    }

    public int dimensions() {
        return dimensions;
    }

    /** The vector's bytes, or null while the message is claimed. */
    public byte[] vector() {
        return vector;
    }

    /** The primary key: the message and the model. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private UUID messageId;
        private String model;

        /** For JPA. */
        public Key() {}

        public Key(UUID messageId, String model) {
            this.messageId = messageId;
            this.model = model;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that
                    && Objects.equals(messageId, that.messageId)
                    && Objects.equals(model, that.model);
        }

        @Override
        public int hashCode() {
            return Objects.hash(messageId, model);
        }
    }
}
