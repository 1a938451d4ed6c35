package dev.colloquy.persistence;

import dev.colloquy.domain.Role;
import dev.colloquy.semantic.VectorModel;
import dev.colloquy.semantic.Vectors;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The vectors of the projects searched by meaning, held in memory so that a search compares them
 * without reading them from the database. The database stays the truth: each search reads the
 * greatest embedding generation of its project's vectors (one index lookup) and, when vectors were
 * stored since, only those ({@code generation} greater than the one held); a project's vectors are
 * read again whole every {@link #RELOAD}, which drops those of deleted messages (until then a
 * search checks that its best messages still exist). At most {@code budget} vectors (of 384
 * dimensions; of a larger model proportionally fewer) are held, for
 * all projects together, the least recently searched project giving way first; a project with
 * more vectors than the budget is not held (its searches read its vectors from the database).
 */
final class VectorCache {

    /** How long a project's vectors are held before they are read again whole. */
    static final Duration RELOAD = Duration.ofMinutes(30);

    /** The budget of a heap: a quarter of it, at about 1,600 bytes a vector of 384 dimensions. */
    static long defaultBudget() {
        return Math.max(10_000, Runtime.getRuntime().maxMemory() / 4 / 1_600);
    }

    record Key(UUID project, String model) {}

    /**
     * Rows of vectors read at once (a load, or the vectors stored since a generation): the
     * vectors one after the other in one array, and each conversation's rows.
     */
    static final class Chunk {
        final UUID[] ids;
        final UUID[] conversations;
        final Role[] roles;
        final long[] createdAt;
        final int dimensions;
        final float[] vectors;
        final Map<UUID, int[]> byConversation;

        Chunk(List<Object[]> rows, int dimensions) {
            int size = rows.size();
            this.dimensions = dimensions;
            ids = new UUID[size];
            conversations = new UUID[size];
            roles = new Role[size];
            createdAt = new long[size];
            vectors = new float[size * dimensions];
            var rowsOf = new HashMap<UUID, List<Integer>>();
            for (int i = 0; i < size; i++) {
                Object[] row = rows.get(i);
                ids[i] = (UUID) row[0];
                conversations[i] = (UUID) row[1];
                roles[i] = Role.parse("role", (String) row[2]);
                createdAt[i] = ((Instant) row[3]).toEpochMilli();
                float[] vector = Vectors.decode((byte[]) row[4]);
                if (vector.length != dimensions) {
                    throw new IllegalStateException("a stored vector of " + vector.length + " dimensions, not "
                            + dimensions + ", for message " + ids[i]);
                }
                System.arraycopy(vector, 0, vectors, i * dimensions, dimensions);
                rowsOf.computeIfAbsent(conversations[i], c -> new ArrayList<>()).add(i);
            }
            var index = new HashMap<UUID, int[]>();
            rowsOf.forEach((conversation, list) -> index.put(
                    conversation, list.stream().mapToInt(Integer::intValue).toArray()));
            byConversation = Map.copyOf(index);
        }

        /** The rows to consider: the conversation's, or all. */
        int[] rows(UUID conversation) {
            if (conversation == null) {
                return null;
            }
            return byConversation.getOrDefault(conversation, new int[0]);
        }
    }

    /** A project's vectors as of a generation; never changed once made. */
    static final class Snapshot {
        final long generation;
        final long loadedAt;
        final List<Chunk> chunks;
        final Set<UUID> deleted;
        private final int size;

        Snapshot(long generation, long loadedAt, List<Chunk> chunks, Set<UUID> deleted) {
            this.generation = generation;
            this.loadedAt = loadedAt;
            this.chunks = List.copyOf(chunks);
            this.deleted = Set.copyOf(deleted);
            this.size = this.chunks.stream().mapToInt(chunk -> chunk.ids.length).sum();
        }

        int size() {
            return size;
        }
    }

    private final long budget;
    private final LongSupplier nanoTime;
    private final Map<Key, Snapshot> projects = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();

    VectorCache(long budget, LongSupplier nanoTime) {
        this.budget = budget;
        this.nanoTime = nanoTime;
    }

    /**
     * The project's vectors of {@code model}, brought up to date with the database in {@code em}'s
     * transaction; empty when they do not fit the budget.
     */
    Optional<Snapshot> current(EntityManager em, UUID project, VectorModel model) {
        var key = new Key(project, model.name());
        // The budget counts vectors of 384 dimensions: a model of more holds fewer.
        long limit = Math.max(1, budget * 384 / model.dimensions());
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Snapshot held;
            synchronized (projects) {
                held = projects.get(key);
            }
            long now = nanoTime.getAsLong();
            if (held != null && now - held.loadedAt >= RELOAD.toNanos()) {
                held = null;
            }
            // The newest generation by the index, read backwards (max() read every entry on SQLite).
            List<Long> newest = em.createQuery(
                            "select e.generation from MessageEmbedding e where e.projectId = :project"
                                    + " and e.model = :model and e.generation is not null order by e.generation desc",
                            Long.class)
                    .setParameter("project", project)
                    .setParameter("model", model.name())
                    .setMaxResults(1)
                    .getResultList();
            long generation = newest.isEmpty() ? 0 : newest.get(0);
            Snapshot current;
            if (held == null) {
                long count = em.createQuery(
                                "select count(e) from MessageEmbedding e where e.projectId = :project"
                                        + " and e.model = :model and e.generation is not null",
                                Long.class)
                        .setParameter("project", project)
                        .setParameter("model", model.name())
                        .getSingleResult();
                if (count > limit) {
                    forget(key);
                    return Optional.empty();
                }
                current = extended(
                        new Snapshot(0, now, List.of(), Set.of()), em, key, model.dimensions(), generation, now);
            } else if (generation > held.generation) {
                current = extended(held, em, key, model.dimensions(), generation, held.loadedAt);
            } else {
                current = held;
            }
            if (current.size() > limit) {
                forget(key);
                return Optional.empty();
            }
            keep(key, current);
            return Optional.of(current);
        }
    }

    /** {@code held} with the vectors stored after its generation, up to {@code generation} at least. */
    private static Snapshot extended(
            Snapshot held, EntityManager em, Key key, int dimensions, long generation, long loadedAt) {
        var rows = new ArrayList<Object[]>();
        long newest = Math.max(held.generation, generation);
        try (Stream<Object[]> stream = em.createQuery(
                        "select e.messageId, e.conversationId, e.role, e.createdAt, e.vector, e.generation"
                                + " from MessageEmbedding e where e.projectId = :project and e.model = :model"
                                + " and e.generation > :generation",
                        Object[].class)
                .setParameter("project", key.project())
                .setParameter("model", key.model())
                .setParameter("generation", held.generation)
                .getResultStream()) {
            Iterator<Object[]> iterator = stream.iterator();
            while (iterator.hasNext()) {
                Object[] row = iterator.next();
                // A generation read in a later statement than the greatest one may hold rows of
                // newer generations: those are kept, and counted in the snapshot's generation.
                // A vector is stored once (only a claim without one is updated) and each delta
                // reads the generations after the newest read before: no row comes twice.
                newest = Math.max(newest, (Long) row[5]);
                rows.add(row);
            }
        }
        var chunks = new ArrayList<>(held.chunks);
        if (!rows.isEmpty()) {
            chunks.add(new Chunk(rows, dimensions));
        }
        return new Snapshot(newest, loadedAt, chunks, held.deleted);
    }

    /** Marks messages found deleted: no later search of the snapshot's successors considers them. */
    void deleted(Key key, Collection<UUID> ids) {
        synchronized (projects) {
            Snapshot held = projects.get(key);
            if (held != null) {
                var deleted = new HashSet<>(held.deleted);
                deleted.addAll(ids);
                projects.put(key, new Snapshot(held.generation, held.loadedAt, held.chunks, deleted));
            }
        }
    }

    private void keep(Key key, Snapshot snapshot) {
        synchronized (projects) {
            projects.put(key, snapshot);
            long total = 0;
            for (Snapshot held : projects.values()) {
                total += held.size();
            }
            // The least recently searched projects give way to this one.
            var eldest = projects.entrySet().iterator();
            while (total > budget && eldest.hasNext()) {
                var entry = eldest.next();
                if (!entry.getKey().equals(key)) {
                    total -= entry.getValue().size();
                    eldest.remove();
                }
            }
        }
    }

    private void forget(Key key) {
        synchronized (projects) {
            projects.remove(key);
        }
    }

    /** The vectors held, all projects together. */
    long held() {
        synchronized (projects) {
            return projects.values().stream().mapToLong(Snapshot::size).sum();
        }
    }
}
