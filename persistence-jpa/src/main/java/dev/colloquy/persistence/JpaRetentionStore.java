package dev.colloquy.persistence;

import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.retention.Counts;
import dev.colloquy.retention.PurgeResult;
import dev.colloquy.retention.RetentionStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class JpaRetentionStore implements RetentionStore {

    private static final Logger LOG = LoggerFactory.getLogger(JpaRetentionStore.class);
    private static final int MAX_BATCH = 10_000;

    private final Transactor tx;
    private final Runnable reclaimSpace;

    JpaRetentionStore(Transactor tx, Runnable reclaimSpace) {
        this.tx = tx;
        this.reclaimSpace = reclaimSpace;
    }

    @Override
    public PurgeResult purgeNotUpdatedSince(Instant cutoff, int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new InvalidInputException("batchSize", "must be between 1 and " + MAX_BATCH + ", was " + batchSize);
        }
        long conversations = 0;
        long messages = 0;
        while (true) {
            PurgeResult batch = tx.write(em -> {
                List<UUID> ids = em.createQuery(
                                "select c.id from Conversation c where c.updatedAt < :cutoff order by c.updatedAt, c.id",
                                UUID.class)
                        .setParameter("cutoff", cutoff)
                        .setMaxResults(batchSize)
                        .getResultList();
                if (ids.isEmpty()) {
                    return new PurgeResult(0, 0);
                }
                long messageCount = em.createQuery(
                                "select count(m) from Message m where m.conversationId in :ids", Long.class)
                        .setParameter("ids", ids)
                        .getSingleResult();
                // The database cascades to the messages (and the search index) and the tag links.
                int deleted = em.createQuery("delete from Conversation c where c.id in :ids")
                        .setParameter("ids", ids)
                        .executeUpdate();
                return new PurgeResult(deleted, messageCount);
            });
            if (batch.conversations() == 0) {
                break;
            }
            conversations += batch.conversations();
            messages += batch.messages();
            LOG.debug(
                    "Purged {} conversations ({} messages) not updated since {}",
                    batch.conversations(),
                    batch.messages(),
                    cutoff);
        }
        if (conversations > 0) {
            reclaimSpace.run();
        }
        return new PurgeResult(conversations, messages);
    }

    @Override
    public PurgeResult countNotUpdatedSince(Instant cutoff) {
        return tx.read(em -> {
            long conversations = em.createQuery(
                            "select count(c) from Conversation c where c.updatedAt < :cutoff", Long.class)
                    .setParameter("cutoff", cutoff)
                    .getSingleResult();
            long messages = em.createQuery(
                            "select count(m) from Message m where m.conversationId in"
                                    + " (select c.id from Conversation c where c.updatedAt < :cutoff)",
                            Long.class)
                    .setParameter("cutoff", cutoff)
                    .getSingleResult();
            return new PurgeResult(conversations, messages);
        });
    }

    @Override
    public Counts counts() {
        return tx.read(em -> new Counts(
                em.createQuery("select count(p) from Project p", Long.class).getSingleResult(),
                em.createQuery("select count(c) from Conversation c", Long.class)
                        .getSingleResult(),
                em.createQuery("select count(m) from Message m", Long.class).getSingleResult(),
                em.createQuery("select count(t) from ApiToken t", Long.class).getSingleResult()));
    }
}
