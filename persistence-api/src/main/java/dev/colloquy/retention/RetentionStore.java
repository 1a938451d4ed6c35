package dev.colloquy.retention;

import java.time.Instant;

/** Retention and monitoring across all projects. */
public interface RetentionStore {

    /**
     * Deletes conversations (with their messages) last updated before {@code cutoff}, in bounded
     * batches of {@code batchSize}, each in its own transaction.
     */
    PurgeResult purgeNotUpdatedSince(Instant cutoff, int batchSize);

    /** What {@link #purgeNotUpdatedSince} would delete now. */
    PurgeResult countNotUpdatedSince(Instant cutoff);

    Counts counts();
}
