package dev.colloquy.persistence;

import dev.colloquy.domain.Clocks;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.IdempotencyKeyReusedException;
import dev.colloquy.domain.Ids;
import dev.colloquy.idempotency.Answer;
import dev.colloquy.idempotency.IdempotencyStore;
import dev.colloquy.idempotency.IdempotentRequest;
import dev.colloquy.idempotency.IdempotentRequestEntity;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

final class JpaIdempotencyStore implements IdempotencyStore {

    private static final int FORGET_BATCH = 1_000;

    private final Transactor tx;
    private final Clock clock;

    JpaIdempotencyStore(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public <T> Answer once(IdempotentRequest request, Instant keptSince, Supplier<T> work, Function<T, Answer> answer) {
        try {
            return tx.write(em -> {
                IdempotentRequestEntity kept = find(em, request);
                if (kept != null && !kept.createdAt().isBefore(keptSince)) {
                    return replay(kept, request);
                }
                if (kept != null) {
                    // Expired: the key is free again. Removed, not overwritten, so that two requests
                    // renewing it at once cannot both succeed: the second one's delete finds no row
                    // and its unit of work runs again, to find the first one's answer.
                    em.remove(kept);
                    em.flush();
                }
                Answer first = answer.apply(work.get());
                em.persist(new IdempotentRequestEntity(Ids.next(), request, first, Clocks.now(clock)));
                return first;
            });
        } catch (ConflictException e) {
            // The same key came in twice at once and the other request stored its answer first:
            // the unique key refused this one's, and everything it wrote was rolled back.
            IdempotentRequestEntity kept = tx.read(em -> find(em, request));
            if (kept == null) {
                throw e;
            }
            return replay(kept, request);
        }
    }

    private static Answer replay(IdempotentRequestEntity kept, IdempotentRequest request) {
        if (!kept.fingerprint().equals(request.fingerprint())) {
            throw new IdempotencyKeyReusedException("the Idempotency-Key '" + request.key()
                    + "' was used before for a different request (another method, path or body);"
                    + " a retry must repeat the request exactly, new work needs a new key");
        }
        return kept.replay();
    }

    private static IdempotentRequestEntity find(EntityManager em, IdempotentRequest request) {
        List<IdempotentRequestEntity> rows = em.createQuery(
                        "select r from IdempotentRequest r where r.tokenId = :token and r.key = :key",
                        IdempotentRequestEntity.class)
                .setParameter("token", request.tokenId())
                .setParameter("key", request.key())
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public long forgetBefore(Instant cutoff) {
        long forgotten = 0;
        while (true) {
            int batch = tx.write(em -> {
                List<UUID> ids = em.createQuery(
                                "select r.id from IdempotentRequest r where r.createdAt < :cutoff order by r.createdAt",
                                UUID.class)
                        .setParameter("cutoff", cutoff)
                        .setMaxResults(FORGET_BATCH)
                        .getResultList();
                if (ids.isEmpty()) {
                    return 0;
                }
                return em.createQuery("delete from IdempotentRequest r where r.id in :ids")
                        .setParameter("ids", ids)
                        .executeUpdate();
            });
            if (batch == 0) {
                return forgotten;
            }
            forgotten += batch;
        }
    }
}
