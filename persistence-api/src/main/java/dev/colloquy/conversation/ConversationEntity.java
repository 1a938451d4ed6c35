package dev.colloquy.conversation;

import dev.colloquy.domain.IdentifiedEntity;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.MetadataConverter;
import dev.colloquy.search.SearchText;
import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/*
 * An append moves the conversation's counters in one atomic UPDATE that returns the new last seq;
 * a replace restarts them at the number of messages it stores. Both move the version too: a
 * conversation's ETag changes with its messages. Every backend reads this SQL alike (each one's
 * session check refuses a database too old for UPDATE ... RETURNING); the queries whose SQL
 * differs are each backend's own (NativeQuery).
 */
@NamedNativeQuery(name = "Conversation.advanceCounters", query = """
                UPDATE conversation
                SET last_seq = last_seq + :count, message_count = message_count + :count,
                    updated_at = :now, version = version + 1
                WHERE id = :id AND project_id = :project
                RETURNING last_seq
                """)
@NamedNativeQuery(name = "Conversation.restartCounters", query = """
                UPDATE conversation
                SET last_seq = :count, message_count = :count, updated_at = :now, version = version + 1
                WHERE id = :id AND project_id = :project
                RETURNING last_seq
                """)
/*
 * How many of a project's conversations (at most :limit) have the metadata :key with the text
 * :value, by the index of conversation_metadata (kept by the database's triggers).
 */
@NamedNativeQuery(name = "ConversationMetadata.count", query = """
                SELECT count(*) FROM (
                    SELECT 1 FROM conversation_metadata
                    WHERE project_id = :project AND key = CAST(:key AS text)
                      AND value_key = substr(CAST(:value AS text), 1, 200) AND value = CAST(:value AS text)
                    LIMIT :limit) matches
                """)
/* How many of a project's conversations (at most :limit) carry the tag :tag. */
@NamedNativeQuery(name = "Tag.count", query = """
                SELECT count(*) FROM (
                    SELECT 1 FROM conversation_tag ct JOIN tag t ON t.id = ct.tag_id
                    WHERE t.project_id = :project AND t.name = CAST(:tag AS text)
                    LIMIT :limit) matches
                """)
/*
 * The tags of the conversations :ids (a list), as rows (conversation_id, name): a listing's page.
 * Native, so that Hibernate only spreads the list into the SQL on each run (a query language
 * statement with a list parameter is translated anew on every run).
 */
@NamedNativeQuery(name = "Conversation.tags", resultSetMapping = "ConversationTag", query = """
                SELECT ct.conversation_id AS conversation_id, t.name AS name
                FROM conversation_tag ct JOIN tag t ON t.id = ct.tag_id
                WHERE ct.conversation_id IN (:ids)
                """)
@SqlResultSetMapping(
        name = "ConversationTag",
        columns = {
            @ColumnResult(name = "conversation_id", type = UUID.class),
            @ColumnResult(name = "name", type = String.class)
        })
@Entity(name = "Conversation")
@Table(name = "conversation")
public class ConversationEntity extends IdentifiedEntity {

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(name = "title")
    private String title;

    // The client's own key for the conversation, unique within the project; null for none.
    @Column(name = "client_key")
    private String clientKey;

    // What the title search reads: the title normalized in Java (SearchText), empty without a title.
    @Column(name = "search_title", nullable = false)
    private String searchTitle;

    @Convert(converter = MetadataConverter.class)
    @Column(name = "metadata", nullable = false)
    private Metadata metadata;

    // The counters move only through the atomic UPDATE in MessageRepository, never through this
    // entity, so flushing a stale copy cannot undo a concurrent append.
    @Column(name = "message_count", nullable = false, updatable = false)
    private int messageCount;

    @Column(name = "last_seq", nullable = false, updatable = false)
    private int lastSeq;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    // Guards title, metadata and tags against lost updates from concurrent patches.
    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(
            name = "conversation_tag",
            joinColumns = @JoinColumn(name = "conversation_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Set<TagEntity> tags = new HashSet<>();

    /** For JPA. */
    protected ConversationEntity() {}

    public ConversationEntity(
            UUID id, UUID projectId, Optional<String> key, Optional<String> title, Metadata metadata, Instant now) {
        super(id);
        this.projectId = projectId;
        this.clientKey = key.orElse(null);
        this.title = title.orElse(null);
        this.searchTitle = SearchText.normalize(title.orElse(""));
        this.metadata = metadata;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID projectId() {
        return projectId;
    }

    public Metadata metadata() {
        return metadata;
    }

    public void rename(Optional<String> newTitle, Instant now) {
        this.title = newTitle.orElse(null);
        this.searchTitle = SearchText.normalize(newTitle.orElse(""));
        this.updatedAt = now;
    }

    public void rekey(Optional<String> newKey, Instant now) {
        this.clientKey = newKey.orElse(null);
        this.updatedAt = now;
    }

    public Optional<String> key() {
        return Optional.ofNullable(clientKey);
    }

    public void describe(Metadata newMetadata, Instant now) {
        this.metadata = newMetadata;
        this.updatedAt = now;
    }

    public void retag(Set<TagEntity> newTags, Instant now) {
        this.tags.clear();
        this.tags.addAll(newTags);
        this.updatedAt = now;
    }

    public SortedSet<String> tagNames() {
        var names = new TreeSet<String>();
        tags.forEach(tag -> names.add(tag.name()));
        return names;
    }

    public Conversation toConversation(SortedSet<String> tagNames) {
        return new Conversation(
                id(),
                projectId,
                Optional.ofNullable(clientKey),
                Optional.ofNullable(title),
                metadata,
                tagNames,
                messageCount,
                createdAt,
                updatedAt,
                version);
    }

    public Conversation toConversation() {
        return toConversation(tagNames());
    }
}
