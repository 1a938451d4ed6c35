package dev.colloquy.semantic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The vectors of semantic search and the backlog of messages waiting for theirs. Indexers claim
 * messages in the database (a row per message and model, with a time limit), so several
 * instances sharing one database never embed a message twice while their claims hold, and a
 * claim left by a crashed indexer is taken over once its time runs out.
 */
public interface EmbeddingStore {

    /**
     * Claims up to {@code max} messages that have no vector of {@code model} and no live claim
     * (those whose claim ran out first, then the oldest among those with an id greater than {@code
     * after}, or among all), until {@code lease} from now, and returns them with their text, by
     * id. Empty when nothing waits.
     */
    List<PendingMessage> claim(VectorModel model, int max, Duration lease, Optional<UUID> after);

    /**
     * Stores the vectors of claimed messages (each scaled to unit length) and ends their claims;
     * a message deleted since it was claimed is skipped. Returns how many were stored.
     */
    int store(VectorModel model, Map<UUID, float[]> vectors);

    /** Gives up claims without storing vectors (an indexer that failed), so others may take them. */
    void release(VectorModel model, List<UUID> messageIds);

    /** The greatest id of any stored message (the newest), if there is one. */
    Optional<UUID> newestMessage();

    /** The messages of every project that have no vector of {@code model} yet. */
    long backlog(VectorModel model);

    /**
     * Deletes the vectors and claims of every model but {@code model}: after a change of model,
     * once the new one's backlog is done. Returns how many rows were deleted.
     */
    long forgetOtherModels(VectorModel model);

    /** The vectors stored per model, by model name. */
    Map<String, Long> vectorsByModel();
}
