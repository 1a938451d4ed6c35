package dev.colloquy.persistence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.ConversationCursor;
import dev.colloquy.conversation.ConversationEntity;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.ConversationPatch;
import dev.colloquy.conversation.ConversationStore;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.conversation.TagCount;
import dev.colloquy.conversation.TagEntity;
import dev.colloquy.domain.Clocks;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.JsonMergePatch;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Page;
import dev.colloquy.domain.Text;
import dev.colloquy.domain.Validation;
import dev.colloquy.persistence.spi.NativeQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

final class JpaConversationStore implements ConversationStore {

    /** Metadata keys a filter may name: they become part of a JSON path on some databases. */
    private static final Pattern FILTER_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private static final Instant NO_CURSOR_AT = TimeBounds.NO_UPPER_BOUND;
    private static final UUID NO_CURSOR_ID = new UUID(0, 0);
    private static final int MAX_METADATA_FILTERS = 16;
    /** A filter this few conversations pass drives the listing (see {@link #listing}). */
    static final int RARE = 1000;

    private final Transactor tx;
    private final Clock clock;
    private final Validation validation;

    JpaConversationStore(Transactor tx, Clock clock, Validation validation) {
        this.tx = tx;
        this.clock = clock;
        this.validation = validation;
    }

    /** The conversation if it belongs to the project; otherwise not found, whether or not it exists. */
    static ConversationEntity require(EntityManager em, UUID projectId, UUID conversationId) {
        // A query, not em.find: Hibernate's find answers null when the connection fails (HHH-12472),
        // which would turn a lost connection into a false "not found".
        return em.createQuery(
                        "select c from Conversation c where c.id = :id and c.projectId = :project",
                        ConversationEntity.class)
                .setParameter("id", conversationId)
                .setParameter("project", projectId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no conversation with id " + conversationId));
    }

    @Override
    public Conversation create(UUID projectId, NewConversation spec) {
        Optional<String> key = spec.key().map(k -> validation.key("key", k));
        Optional<String> title = validation.title("title", spec.title());
        Metadata metadata = validation.metadata("metadata", spec.metadata());
        SortedSet<String> tags = validation.tags("tags", spec.tags());
        return tx.write(em -> {
            Instant now = Clocks.now(clock);
            key.ifPresent(k -> requireFree(em, projectId, k, null));
            var resolved = resolveTags(em, projectId, tags);
            var conversation = new ConversationEntity(Ids.next(), projectId, key, title, metadata, now);
            // tagged before it is stored: one insert, and the version it is answered with
            conversation.retag(resolved, now);
            em.persist(conversation);
            em.flush();
            return conversation.toConversation(tags);
        });
    }

    @Override
    public Conversation get(UUID projectId, UUID conversationId) {
        return tx.read(em -> require(em, projectId, conversationId).toConversation());
    }

    private static Optional<ConversationEntity> byKey(EntityManager em, UUID projectId, String key) {
        return em.createQuery(
                        "select c from Conversation c where c.projectId = :project and c.clientKey = :key",
                        ConversationEntity.class)
                .setParameter("project", projectId)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    /** A conflict when another conversation of the project than {@code self} has the key. */
    private static void requireFree(EntityManager em, UUID projectId, String key, UUID self) {
        byKey(em, projectId, key).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw new ConflictException(
                    "the key '" + key + "' is taken by conversation " + other.id() + " of this project");
        });
    }

    @Override
    public Conversation getByKey(UUID projectId, String key) {
        String checked = validation.key("key", key);
        return tx.read(em -> byKey(em, projectId, checked)
                .orElseThrow(() -> new NotFoundException("no conversation with key '" + checked + "'"))
                .toConversation());
    }

    @Override
    public Conversation ensureKey(UUID projectId, String key) {
        String checked = validation.key("key", key);
        return tx.write(em -> {
            Optional<ConversationEntity> existing = byKey(em, projectId, checked);
            if (existing.isPresent()) {
                return existing.get().toConversation();
            }
            // An insert that does nothing when a concurrent writer inserted the key first; the
            // read after it sees whichever conversation won.
            em.createNamedQuery(NativeQuery.CONVERSATION_INSERT_KEY_IF_ABSENT.queryName())
                    .setParameter("id", Ids.next())
                    .setParameter("project", projectId)
                    .setParameter("key", checked)
                    .setParameter("now", Clocks.now(clock))
                    .executeUpdate();
            return byKey(em, projectId, checked)
                    .orElseThrow(
                            () -> new IllegalStateException("the key's conversation was neither found nor created"))
                    .toConversation();
        });
    }

    @Override
    public boolean deleteByKey(UUID projectId, String key) {
        String checked = validation.key("key", key);
        return tx.write(
                em -> em.createQuery("delete from Conversation c where c.projectId = :project and c.clientKey = :key")
                                .setParameter("project", projectId)
                                .setParameter("key", checked)
                                .executeUpdate()
                        > 0);
    }

    @Override
    public Page<Conversation> keyed(UUID projectId, Optional<String> cursor, int requestedLimit) {
        int limit = validation.limits().pageSize("limit", requestedLimit);
        // The cursor is the last key of the previous page; "" comes before every key.
        String after = cursor.map(this::decodeKeyCursor).orElse("");
        return tx.read(em -> {
            List<ConversationEntity> rows = em.createQuery(
                            "select c from Conversation c where c.projectId = :project and c.clientKey > :after"
                                    + " order by c.clientKey",
                            ConversationEntity.class)
                    .setParameter("project", projectId)
                    .setParameter("after", after)
                    .setMaxResults(limit + 1)
                    .getResultList();
            return page(em, rows, limit, last -> encodeKeyCursor(last.key().orElseThrow()));
        });
    }

    private static String encodeKeyCursor(String key) {
        return "k"
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String decodeKeyCursor(String cursor) {
        try {
            if (cursor.startsWith("k")) {
                String key = new String(
                        java.util.Base64.getUrlDecoder().decode(cursor.substring(1)),
                        java.nio.charset.StandardCharsets.UTF_8);
                return validation.key("cursor", key);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidInputException("cursor", "is not a cursor this listing gave");
    }

    @Override
    public Page<Conversation> list(UUID projectId, ConversationFilter filter) {
        int limit = validation.limits().pageSize("limit", filter.limit());
        String tag = filter.tag().map(t -> validation.tag("tag", t)).orElse("");
        String metadataFilter = metadataFilter(filter.metadataEquals());
        Instant since = filter.updatedSince()
                .map(instant -> Clocks.input("updatedSince", instant))
                .orElse(TimeBounds.NO_LOWER_BOUND);
        Optional<ConversationCursor> cursor = filter.cursor().map(c -> ConversationCursor.decode("cursor", c));
        return tx.read(em -> {
            Query listing = listing(em, projectId, tag, filter.metadataEquals());
            @SuppressWarnings("unchecked")
            List<ConversationEntity> rows = listing.setParameter("project", projectId)
                    .setParameter("tag", tag)
                    .setParameter("since", since)
                    .setParameter(
                            "cursorAt",
                            cursor.map(ConversationCursor::updatedAt).orElse(NO_CURSOR_AT))
                    .setParameter("cursorId", cursor.map(ConversationCursor::id).orElse(NO_CURSOR_ID))
                    .setParameter("filters", metadataFilter)
                    .setParameter("limit", limit + 1)
                    .getResultList();
            return page(em, rows, limit, last -> new ConversationCursor(last.updatedAt(), last.id()).encode());
        });
    }

    /**
     * The listing's query. Walking the project's conversations newest first finds a page at once
     * when many of them pass the filters, but reads them all when few do; so when a filter (the
     * tag, or a metadata value) is carried by at most {@value #RARE} of the project's
     * conversations, the one carried by the fewest drives instead, read through its index, and
     * the other filters are checked on those conversations alone. Both plans give the same page.
     */
    private static Query listing(EntityManager em, UUID projectId, String tag, Map<String, String> metadata) {
        long fewest = RARE + 1;
        Query rarest = null;
        if (!tag.isEmpty()) {
            long carriers = count(em.createNamedQuery("Tag.count").setParameter("tag", tag), projectId);
            if (carriers < fewest) {
                fewest = carriers;
                rarest = em.createNamedQuery(NativeQuery.CONVERSATION_LIST_BY_TAG.queryName());
            }
        }
        for (var entry : metadata.entrySet()) {
            long carriers = count(
                    em.createNamedQuery("ConversationMetadata.count")
                            .setParameter("key", entry.getKey())
                            .setParameter("value", entry.getValue()),
                    projectId);
            if (carriers < fewest) {
                fewest = carriers;
                rarest = em.createNamedQuery(NativeQuery.CONVERSATION_LIST_BY_METADATA.queryName())
                        .setParameter("key", entry.getKey())
                        .setParameter("value", entry.getValue());
            }
        }
        return rarest != null ? rarest : em.createNamedQuery(NativeQuery.CONVERSATION_LIST.queryName());
    }

    /** The count query's answer, at most {@code RARE + 1}. */
    private static long count(Query query, UUID projectId) {
        return ((Number) query.setParameter("project", projectId)
                        .setParameter("limit", RARE + 1)
                        .getSingleResult())
                .longValue();
    }

    /**
     * The metadata filters as the native queries take them: a JSON object of key to text. Refuses
     * more than {@value #MAX_METADATA_FILTERS}, a malformed key or an unstorable value.
     */
    static String metadataFilter(Map<String, String> equals) {
        if (equals.size() > MAX_METADATA_FILTERS) {
            throw new InvalidInputException(
                    "meta", "at most " + MAX_METADATA_FILTERS + " metadata filters may be combined");
        }
        var filter = JsonNodeFactory.instance.objectNode();
        equals.forEach((key, value) -> {
            if (!FILTER_KEY.matcher(key).matches()) {
                throw new InvalidInputException(
                        "meta." + Text.abbreviate(key),
                        "a metadata filter key is 1 to 128 letters, digits, '_', '.' or '-'");
            }
            Text.requireStorable("meta." + key, value);
            filter.put(key, value);
        });
        return filter.toString();
    }

    /**
     * The page of a listing read with one row more than {@code limit}: its conversations with
     * their tags, and the cursor {@code cursorOf} makes of its last one when there is more.
     */
    private static Page<Conversation> page(
            EntityManager em,
            List<ConversationEntity> rows,
            int limit,
            java.util.function.Function<Conversation, String> cursorOf) {
        boolean more = rows.size() > limit;
        List<ConversationEntity> page = more ? rows.subList(0, limit) : rows;
        Map<UUID, SortedSet<String>> tags =
                tagsOf(em, page.stream().map(ConversationEntity::id).toList());
        List<Conversation> items = page.stream()
                .map(c -> c.toConversation(tags.getOrDefault(c.id(), new TreeSet<>())))
                .toList();
        return new Page<>(items, more ? Optional.of(cursorOf.apply(items.get(items.size() - 1))) : Optional.empty());
    }

    /**
     * Conversations whose tags one statement reads: a page may be as large as {@code
     * LIMIT_PAGE_SIZE_MAX} allows (100,000), more ids than a statement may bind (SQLite takes
     * 32,766 parameters, PostgreSQL 65,535).
     */
    private static final int TAGS_PER_STATEMENT = 500;

    private static Map<UUID, SortedSet<String>> tagsOf(EntityManager em, List<UUID> ids) {
        var tags = new HashMap<UUID, SortedSet<String>>();
        for (int from = 0; from < ids.size(); from += TAGS_PER_STATEMENT) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNamedQuery("Conversation.tags")
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + TAGS_PER_STATEMENT)))
                    .getResultList();
            rows.forEach(row ->
                    tags.computeIfAbsent((UUID) row[0], id -> new TreeSet<>()).add((String) row[1]));
        }
        return tags;
    }

    @Override
    public Conversation update(UUID projectId, UUID conversationId, ConversationPatch patch) {
        Optional<String> key = patch.key().flatMap(k -> k.map(value -> validation.key("key", value)));
        Optional<String> title =
                patch.title().map(t -> validation.title("title", t)).orElse(Optional.empty());
        Optional<SortedSet<String>> tags = patch.tags().map(t -> validation.tags("tags", t));
        patch.metadataPatch().ifPresent(p -> {
            if (!p.isObject() && !p.isNull()) {
                throw new InvalidInputException("metadata", "a metadata patch must be a JSON object or null");
            }
            // checks the patch's own text (NUL, numbers) before it is merged
            Metadata.of("metadata", p.isNull() ? null : p);
        });
        return tx.write(em -> {
            ConversationEntity conversation = require(em, projectId, conversationId);
            Instant now = Clocks.now(clock);
            if (patch.key().isPresent() && !conversation.key().equals(key)) {
                key.ifPresent(k -> requireFree(em, projectId, k, conversationId));
                conversation.rekey(key, now);
            }
            if (patch.title().isPresent()) {
                conversation.rename(title, now);
            }
            patch.metadataPatch().ifPresent(p -> {
                var merged = p.isNull()
                        ? Metadata.EMPTY
                        : Metadata.of(
                                "metadata",
                                JsonMergePatch.apply(conversation.metadata().tree(), p));
                conversation.describe(validation.metadata("metadata", merged), now);
            });
            tags.ifPresent(names -> conversation.retag(resolveTags(em, projectId, names), now));
            em.flush(); // the version moves at the flush; the answer carries the new one
            return conversation.toConversation();
        });
    }

    @Override
    public Conversation lock(UUID projectId, UUID conversationId) {
        return tx.write(em -> {
            // A write of the row takes its lock (where rows lock) or the database's write lock
            // (where writers take turns) for the rest of the transaction; it changes nothing.
            int locked = em.createQuery("update Conversation c set c.version = c.version"
                            + " where c.id = :id and c.projectId = :project")
                    .setParameter("id", conversationId)
                    .setParameter("project", projectId)
                    .executeUpdate();
            if (locked == 0) {
                throw new NotFoundException("no conversation with id " + conversationId);
            }
            return require(em, projectId, conversationId).toConversation();
        });
    }

    @Override
    public void delete(UUID projectId, UUID conversationId) {
        tx.write(em -> {
            // The database cascades to the messages and the tag links.
            int deleted = em.createQuery("delete from Conversation c where c.id = :id and c.projectId = :project")
                    .setParameter("id", conversationId)
                    .setParameter("project", projectId)
                    .executeUpdate();
            if (deleted == 0) {
                throw new NotFoundException("no conversation with id " + conversationId);
            }
            return null;
        });
    }

    @Override
    public List<TagCount> tags(UUID projectId) {
        return tx.read(em -> em.createQuery(
                        "select t.name, count(c) from Conversation c join c.tags t where c.projectId = :project"
                                + " group by t.name order by t.name",
                        Object[].class)
                .setParameter("project", projectId)
                .getResultStream()
                .map(row -> new TagCount((String) row[0], ((Number) row[1]).longValue()))
                .toList());
    }

    /**
     * The project's tags with these names, created where missing. Creation is an insert that does
     * nothing on conflict, so concurrent writers creating the same tag never fail.
     */
    private static Set<TagEntity> resolveTags(EntityManager em, UUID projectId, SortedSet<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        for (String name : names) {
            em.createNamedQuery("Tag.insertIfAbsent")
                    .setParameter("id", Ids.next())
                    .setParameter("project", projectId)
                    .setParameter("name", name)
                    .executeUpdate();
        }
        return new HashSet<>(
                em.createQuery("select t from Tag t where t.projectId = :project and t.name in :names", TagEntity.class)
                        .setParameter("project", projectId)
                        .setParameter("names", names)
                        .getResultList());
    }
}
