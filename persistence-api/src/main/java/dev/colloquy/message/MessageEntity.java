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
/* The rows of every backend's search queries: (id, indexed text, id ceiling), see NativeQuery.MESSAGE_SEARCH. */
@SqlResultSetMapping(
        name = "SearchMatch",
        columns = {
            @ColumnResult(name = "id", type = UUID.class),
            @ColumnResult(name = "indexed_text", type = String.class),
            @ColumnResult(name = "id_ceiling", type = UUID.class)
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

    // Name, parts, tool calls and tool results, and whether the message has no text; NULL for a
    // message with text and nothing else.
    @Convert(converter = StoredExtras.Column.class)
    @Column(name = "extras", updatable = false)
    private StoredExtras extras;

    /** For JPA. */
    protected MessageEntity() {}

    public MessageEntity(
            UUID id,
            UUID conversationId,
            int seq,
            Role role,
            String content,
            Metadata metadata,
            MessageExtras extras,
            Instant now) {
        super(id);
        this.conversationId = conversationId;
        this.seq = seq;
        this.role = role;
        this.content = content == null ? "" : content;
        this.searchText = searchText(content, extras);
        this.metadata = metadata;
        this.extras = StoredExtras.of(content, extras);
        this.createdAt = now;
    }

    /** What the full-text index of a message reads, on every path that stores one. */
    public static String searchText(String content, MessageExtras extras) {
        return SearchText.normalize(extras.searchable(content));
    }

    /** A message as read by a query that selects its columns one by one (see {@link #COLUMNS}). */
    public static Message read(Object[] row) {
        var stored = row[7] == null ? StoredExtras.NONE : (StoredExtras) row[7];
        return new Message(
                (UUID) row[0],
                (UUID) row[1],
                (Integer) row[2],
                (Role) row[3],
                stored.textless() ? null : (String) row[4],
                (Metadata) row[5],
                (Instant) row[6],
                stored.extras());
    }

    /** The columns {@link #read} takes, in JPQL, for a message {@code m}. */
    public static final String COLUMNS =
            "m.id, m.conversationId, m.seq, m.role, m.content, m.metadata, m.createdAt, m.extras";

    public UUID conversationId() {
        return conversationId;
    }

    public String content() {
        return content;
    }

    public Message toMessage() {
        var stored = extras == null ? StoredExtras.NONE : extras;
        return new Message(
                id(),
                conversationId,
                seq,
                role,
                stored.textless() ? null : content,
                metadata,
                createdAt,
                stored.extras());
    }
}
