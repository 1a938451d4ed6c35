package dev.colloquy.idempotency;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes that happen once per idempotency key. The first request with a key does its work and
 * keeps its answer in the same transaction, so the answer exists exactly when the work was stored;
 * a later request with the same key and token gets that answer again without doing the work.
 * Only successful answers are kept: a write that failed stored nothing, and its retry runs anew.
 */
public interface IdempotencyStore {

    /**
     * Runs {@code work} once for the request's key: inside one transaction with the keeping of
     * its answer, or not at all when an answer for the key is kept already.
     *
     * @param request the token, key and fingerprint
     * @param keptSince answers kept before this instant have expired: the key is free again
     * @param work the write; the stores it calls join this transaction
     * @param answer renders the work's result as the answer to keep and give
     * @return the first answer, or the kept one (marked as replayed)
     * @throws dev.colloquy.domain.IdempotencyKeyReusedException when the key was used with a
     *     request of another fingerprint
     */
    <T> Answer once(IdempotentRequest request, Instant keptSince, Supplier<T> work, Function<T, Answer> answer);

    /** Forgets the answers kept before {@code cutoff}, in batches; returns how many. */
    long forgetBefore(Instant cutoff);
}
