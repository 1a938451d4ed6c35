package dev.colloquy.message;

import dev.colloquy.domain.IdentifiedEntity;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.MetadataConverter;
import dev.colloquy.domain.Role;
import dev.colloquy.domain.RoleConverter;
import dev.colloquy.search.SearchText;
import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A message row. Messages never change once stored; they are only appended, replaced or deleted. */
/* The rows of every backend's search queries: (id, indexed text), see NativeQuery.MESSAGE_SEARCH. */
@SqlResultSetMapping(
        name = "SearchMatch",
        columns = {
            @ColumnResult(name = "id", type = UUID.class),
            @ColumnResult(name = "indexed_text", type = String.class)
        })
@Entity(name = "Message")
@Table(name = "message")
public class MessageEntity extends IdentifiedEntity {

    @Column(name = "conversation_id", nullable = false, updatable = false)
    private UUID conversationId;

    @Column(name = "seq", nullable = false, updatable = false)
    private int seq;

    @Convert(converter = RoleConverter.class)
    @Column(name = "role", nullable = false, updatable = false)
    private Role role;

    @Column(name = "content", nullable = false, updatable = false)
    private String content;

    // What the full-text index reads: the content normalized in Java (SearchText), the same on
    // both databases, so their tokenizers agree.
    @Column(name = "search_text", nullable = false, updatable = false)
    private String searchText;

    @Convert(converter = MetadataConverter.class)
    @Column(name = "metadata", nullable = false, updatable = false)
    private Metadata metadata;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** For JPA. */
    protected MessageEntity() {}

    public MessageEntity(
            UUID id, UUID conversationId, int seq, Role role, String content, Metadata metadata, Instant now) {
        super(id);
        this.conversationId = conversationId;
        this.seq = seq;
        this.role = role;
        this.content = content;
        this.searchText = SearchText.normalize(content);
        this.metadata = metadata;
        this.createdAt = now;
    }

    public UUID conversationId() {
        return conversationId;
    }

    public String content() {
        return content;
    }

    public Message toMessage() {
        return new Message(id(), conversationId, seq, role, content, metadata, createdAt);
    }
}
