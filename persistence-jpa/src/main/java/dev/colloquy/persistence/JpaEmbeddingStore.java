package dev.colloquy.persistence;

import dev.colloquy.domain.Clocks;
import dev.colloquy.domain.Ids;
import dev.colloquy.message.MessageEntity;
import dev.colloquy.persistence.spi.NativeQuery;
import dev.colloquy.semantic.EmbeddingStore;
import dev.colloquy.semantic.PendingMessage;
import dev.colloquy.semantic.VectorModel;
import dev.colloquy.semantic.Vectors;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

final class JpaEmbeddingStore implements EmbeddingStore {

    /** The most messages one claim may take. */
    static final int MAX_CLAIM = 500;

    /** Less than every message's id: a claim from the first message. */
    private static final UUID NO_MESSAGE = new UUID(0, 0);

    /**
     * The condition on a message {@code m} that its project has not opted out of search by meaning
     * (a message of such a project waits for no vector).
     */
    private static final String OPTED_IN = " and exists (select 1 from Conversation c, Project p"
            + " where c.id = m.conversationId and p.id = c.projectId and p.semanticSearch = true)";

    private final Transactor tx;
    private final Clock clock;

    JpaEmbeddingStore(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public List<PendingMessage> claim(VectorModel model, int max, Duration lease, Optional<UUID> after) {
        if (max < 1 || max > MAX_CLAIM) {
            throw new IllegalArgumentException("a claim takes 1 to " + MAX_CLAIM + " messages, not " + max);
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a claim's lease must be positive");
        }
        return tx.write(em -> {
            Instant now = Clocks.now(clock);
            Instant until = now.plus(lease);
            var claimed = new ArrayList<UUID>(max);
            // Claims whose time ran out (their indexer stopped or failed): taken over first, one by
            // one, each only if still run out when its row is updated (another may take it first).
            List<UUID> expired = em.createQuery(
                            "select e.messageId from MessageEmbedding e where e.model = :model and e.vector is null"
                                    + " and e.claimedUntil < :now and exists (select 1 from Project p"
                                    + " where p.id = e.projectId and p.semanticSearch = true)"
                                    + " order by e.claimedUntil, e.messageId",
                            UUID.class)
                    .setParameter("model", model.name())
                    .setParameter("now", now)
                    .setMaxResults(max)
                    .getResultList();
            for (UUID id : expired) {
                int taken = em.createQuery("update MessageEmbedding e set e.claimedUntil = :until"
                                + " where e.messageId = :id and e.model = :model and e.vector is null"
                                + " and e.claimedUntil < :now")
                        .setParameter("until", until)
                        .setParameter("id", id)
                        .setParameter("model", model.name())
                        .setParameter("now", now)
                        .executeUpdate();
                if (taken == 1) {
                    claimed.add(id);
                }
            }
            if (claimed.size() < max) {
                // The oldest messages without a row of the model: neither a vector nor a claim.
                List<UUID> waiting = em.createQuery(
                                "select m.id from Message m where m.id > :after and not exists (select 1 from"
                                        + " MessageEmbedding e where e.messageId = m.id and e.model = :model)"
                                        + OPTED_IN
                                        + " order by m.id",
                                UUID.class)
                        .setParameter("after", after.orElse(NO_MESSAGE))
                        .setParameter("model", model.name())
                        .setMaxResults(max - claimed.size())
                        .getResultList();
                for (UUID id : waiting) {
                    int taken = em.createNamedQuery(NativeQuery.EMBEDDING_CLAIM.queryName())
                            .setParameter("message", id)
                            .setParameter("model", model.name())
                            .setParameter("dimensions", model.dimensions())
                            .setParameter("until", until)
                            .executeUpdate();
                    if (taken == 1) {
                        claimed.add(id);
                    }
                }
            }
            return texts(em, claimed);
        });
    }

    /** The claimed messages with their searchable text, oldest first. */
    private static List<PendingMessage> texts(EntityManager em, List<UUID> claimed) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        var pending = new TreeMap<UUID, PendingMessage>(Ids::compare);
        List<MessageEntity> messages = em.createQuery("select m from Message m where m.id in :ids", MessageEntity.class)
                .setParameter("ids", claimed)
                .getResultList();
        for (MessageEntity entity : messages) {
            var message = entity.toMessage();
            pending.put(message.id(), new PendingMessage(message.id(), message.searchableText()));
        }
        return List.copyOf(pending.values());
    }

    @Override
    public int store(VectorModel model, Map<UUID, float[]> vectors) {
        var stored = new TreeMap<UUID, byte[]>(Ids::compare);
        vectors.forEach((id, vector) -> stored.put(id, Vectors.encode(Vectors.unit(model.check(vector)))));
        if (stored.isEmpty()) {
            return 0;
        }
        return tx.write(em -> {
            Instant now = Clocks.now(clock);
            // Each project's generation is raised once, in id order (concurrent writers lock the
            // rows in one order), before its vectors are stored with it.
            var projects = new TreeSet<UUID>(Ids::compare);
            em.createQuery(
                            "select distinct e.projectId from MessageEmbedding e where e.model = :model"
                                    + " and e.vector is null and e.messageId in :ids",
                            UUID.class)
                    .setParameter("model", model.name())
                    .setParameter("ids", List.copyOf(stored.keySet()))
                    .getResultList()
                    .forEach(projects::add);
            for (UUID project : projects) {
                em.createNamedQuery(NativeQuery.EMBEDDING_GENERATION_RAISE.queryName())
                        .setParameter("project", project)
                        .setParameter("model", model.name())
                        .executeUpdate();
            }
            int count = 0;
            for (var entry : stored.entrySet()) {
                count += em.createNamedQuery(NativeQuery.EMBEDDING_STORE.queryName())
                        .setParameter("vector", entry.getValue())
                        .setParameter("now", now)
                        .setParameter("message", entry.getKey())
                        .setParameter("model", model.name())
                        .executeUpdate();
            }
            return count;
        });
    }

    @Override
    public void release(VectorModel model, List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        tx.write(em -> em.createQuery("delete from MessageEmbedding e where e.model = :model and e.vector is null"
                        + " and e.messageId in :ids")
                .setParameter("model", model.name())
                .setParameter("ids", messageIds)
                .executeUpdate());
    }

    @Override
    public Optional<UUID> newestMessage() {
        return tx.read(em -> Optional.ofNullable(
                em.createQuery("select max(m.id) from Message m", UUID.class).getSingleResult()));
    }

    @Override
    public long backlog(VectorModel model) {
        return tx.read(em -> em.createQuery(
                        "select count(m) from Message m where not exists (select 1 from MessageEmbedding e"
                                + " where e.messageId = m.id and e.model = :model and e.vector is not null)"
                                + OPTED_IN,
                        Long.class)
                .setParameter("model", model.name())
                .getSingleResult());
    }

    @Override
    public long forgetOtherModels(VectorModel model) {
        return tx.write(em -> (long) em.createQuery("delete from MessageEmbedding e where e.model <> :model")
                .setParameter("model", model.name())
                .executeUpdate());
    }

    @Override
    public Map<String, Long> vectorsByModel() {
        return tx.read(em -> {
            var counts = new TreeMap<String, Long>();
            em.createQuery(
                            "select e.model, count(e) from MessageEmbedding e where e.vector is not null group by e.model",
                            Object[].class)
                    .getResultList()
                    .forEach(row -> counts.put((String) row[0], (Long) row[1]));
            return counts;
        });
    }
}
