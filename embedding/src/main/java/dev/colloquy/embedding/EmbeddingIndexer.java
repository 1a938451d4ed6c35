package dev.colloquy.embedding;

import dev.colloquy.domain.Ids;
import dev.colloquy.semantic.EmbeddingStore;
import dev.colloquy.semantic.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds the messages that wait for a vector, a batch at a time, after they are stored: claims a
 * batch in the database, embeds it outside any transaction, stores the vectors. An append never
 * waits for it. Instances sharing a database share the backlog through their claims; a batch
 * whose indexer stopped (a crash, a kill) is taken over once its claim's time ran out.
 */
public final class EmbeddingIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingIndexer.class);

    /** Messages per claim and per call of the model. */
    public static final int BATCH = 64;

    /** How long a claim holds: far longer than a batch takes (about a quarter of a second). */
    public static final Duration LEASE = Duration.ofMinutes(5);

    private final EmbeddingStore store;
    private final Embedder embedder;
    private final int batch;
    private final Duration lease;
    private volatile UUID last;
    private UUID batchEnd;

    private void reached(UUID id) {
        if (last == null || Ids.compare(id, last) > 0) {
            last = id;
        }
    }

    /**
     * The greatest id this indexer embedded or passed in a pass over every message, if any: where
     * a poll for new messages starts.
     */
    public Optional<UUID> last() {
        return Optional.ofNullable(last);
    }

    public EmbeddingIndexer(EmbeddingStore store, Embedder embedder) {
        this(store, embedder, BATCH, LEASE);
    }

    public EmbeddingIndexer(EmbeddingStore store, Embedder embedder, int batch, Duration lease) {
        this.store = store;
        this.embedder = embedder;
        this.batch = batch;
        this.lease = lease;
    }

    /**
     * Embeds one batch: returns how many messages it claimed (0: nothing waited); those deleted
     * meanwhile get no vector. If the model fails, the batch's claims are given up and the error is
     * thrown.
     */
    public int runOnce() {
        return runOnce(Optional.empty());
    }

    /** {@link #runOnce()} among the messages with ids greater than {@code after}. */
    private int runOnce(Optional<UUID> after) {
        List<PendingMessage> pending = store.claim(embedder.model(), batch, lease, after);
        if (pending.isEmpty()) {
            return 0;
        }
        var ids = new ArrayList<UUID>(pending.size());
        var texts = new ArrayList<String>(pending.size());
        for (PendingMessage message : pending) {
            ids.add(message.id());
            texts.add(message.text());
        }
        List<float[]> vectors;
        try {
            vectors = embedder.embed(texts);
        } catch (RuntimeException e) {
            store.release(embedder.model(), ids);
            throw e;
        }
        var byId = new LinkedHashMap<UUID, float[]>();
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i), vectors.get(i));
        }
        store.store(embedder.model(), byId);
        batchEnd = pending.get(pending.size() - 1).id();
        reached(batchEnd);
        return pending.size();
    }

    /**
     * Embeds batches until nothing waits or {@code goOn} says to stop; returns how many messages
     * it claimed.
     */
    public long drain(BooleanSupplier goOn) {
        return drain(goOn, Optional.empty());
    }

    /**
     * {@link #drain(BooleanSupplier)} among the messages with ids greater than {@code after}
     * (besides those whose claim ran out): a message stored later than the last one embedded has a
     * greater id, so a poll need not read the messages embedded already.
     */
    public long drain(BooleanSupplier goOn, Optional<UUID> after) {
        long total = 0;
        // A pass over every message: once it finds nothing more, whatever is left at or below the
        // newest message of its start is another indexer's, so later polls may start there.
        Optional<UUID> mark = after.isEmpty() ? store.newestMessage() : Optional.empty();
        Optional<UUID> from = after;
        boolean finished = false;
        while (goOn.getAsBoolean()) {
            int done = runOnce(from);
            if (done == 0) {
                finished = true;
                break;
            }
            total += done;
            // The next batch starts past this one: what it left below is claimed by others.
            from = Optional.of(batchEnd);
        }
        if (finished) {
            mark.ifPresent(this::reached);
        }
        if (total > 0) {
            LOG.debug("Embedded {} messages with {}", total, embedder.model().name());
        }
        return total;
    }
}
