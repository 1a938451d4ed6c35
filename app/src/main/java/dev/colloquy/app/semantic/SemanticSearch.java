package dev.colloquy.app.semantic;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.embedding.Embedder;
import dev.colloquy.embedding.EmbeddingIndexer;
import dev.colloquy.embedding.EndpointEmbedder;
import dev.colloquy.embedding.LocalEmbedder;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.Secret;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Semantic search of a running service: the embedding model ({@code SEMANTIC_SEARCH=on}, the
 * default) and the indexer thread that embeds stored messages in the background, or nothing
 * ({@code off}). The indexer polls every second for messages stored since the last one it
 * embedded, reads the whole backlog every five minutes (messages imported or copied with older
 * ids, claims of a stopped instance) and every 15 seconds while messages wait that polls do not
 * find (a project turned back on), and recounts the backlog every 15 seconds (every second where a
 * count takes under 20 ms).
 */
public final class SemanticSearch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticSearch.class);

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration FULL_PASS = Duration.ofMinutes(5);
    static final Duration RECOUNT = Duration.ofSeconds(15);
    static final Duration AFTER_FAILURE = Duration.ofSeconds(5);
    static final Duration QUICK_COUNT = Duration.ofMillis(20);

    private final Optional<Embedder> embedder;
    private final Database database;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private volatile boolean stopped;
    private volatile long backlog = -1;
    private volatile long countedAt;
    private volatile long countTook;
    private volatile String lastFailure;
    private final LongAdder embedded = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private Thread thread;

    private SemanticSearch(Optional<Embedder> embedder, Database database) {
        this.embedder = embedder;
        this.database = database;
    }

    /** Semantic search off: no model, no indexer. */
    public static SemanticSearch off(Database database) {
        return new SemanticSearch(Optional.empty(), database);
    }

    /**
     * Loads the local model and checks it (a failure stops the start, naming {@code
     * SEMANTIC_SEARCH}); the indexer starts with {@link #startIndexer}.
     */
    public static SemanticSearch local(Database database) {
        long started = System.nanoTime();
        Embedder model;
        try {
            model = LocalEmbedder.shared();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(
                    "SEMANTIC_SEARCH: the local embedding model could not be used (set SEMANTIC_SEARCH=off to run"
                            + " without semantic search): " + e.getMessage(),
                    e);
        }
        LOG.info(
                "Semantic search: model {} ({} dimensions) loaded and checked in {} ms",
                model.model().name(),
                model.model().dimensions(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new SemanticSearch(Optional.of(model), database);
    }

    /**
     * Asks an OpenAI-compatible endpoint for its vectors and checks them (a failure stops the
     * start, naming {@code EMBEDDING_URL}, never the key); the indexer starts with {@link
     * #startIndexer}.
     */
    public static SemanticSearch endpoint(Database database, ServerSettings.EmbeddingEndpoint endpoint) {
        long started = System.nanoTime();
        Embedder model;
        try {
            model = new EndpointEmbedder(
                    endpoint.url(), endpoint.model(), endpoint.key().map(Secret::reveal));
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    ServerSettings.EMBEDDING_URL,
                    "the embedding endpoint could not be used (model " + endpoint.model() + "): " + e.getMessage());
        }
        LOG.info(
                "Semantic search: model {} ({} dimensions) of {} answered and checked in {} ms",
                model.model().name(),
                model.model().dimensions(),
                endpoint.url(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new SemanticSearch(Optional.of(model), database);
    }

    /**
     * The model the settings name, loaded and checked ({@code SEMANTIC_SEARCH} on): the bundled
     * one, or {@code EMBEDDING_URL}'s; empty when semantic search is off.
     */
    public static Optional<Embedder> embedder(ServerSettings settings, Database database) {
        return of(settings, database).embedder();
    }

    /**
     * Semantic search as the settings say: off, the bundled model, or {@code EMBEDDING_URL}'s,
     * loaded and checked; the indexer starts with {@link #startIndexer}.
     */
    public static SemanticSearch of(ServerSettings settings, Database database) {
        if (!settings.semanticSearch()) {
            return off(database);
        }
        return settings.embeddingEndpoint()
                .map(endpoint -> endpoint(database, endpoint))
                .orElseGet(() -> local(database));
    }

    /** The model, when semantic search is on. */
    public Optional<Embedder> embedder() {
        return embedder;
    }

    /** Starts the background indexer (when semantic search is on). */
    public synchronized void startIndexer() {
        if (embedder.isEmpty() || thread != null) {
            return;
        }
        var indexer = new EmbeddingIndexer(database.embeddings(), embedder.get());
        thread = new Thread(() -> index(indexer), "colloquy-embedding");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Asks the indexer to look for new messages now rather than at its next poll. */
    public void wake() {
        if (thread == null) {
            return;
        }
        lock.lock();
        try {
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void index(EmbeddingIndexer indexer) {
        long fullPassAt = 0;
        boolean idle = false;
        while (!stopped) {
            Duration pause = POLL;
            try {
                long now = System.nanoTime();
                // A full pass every five minutes, and sooner (at most every 15 seconds) when polls
                // find nothing while messages wait: older than the poll's start (a project turned
                // back on, an import), not another indexer's claims, which run out into the poll.
                boolean full = fullPassAt == 0
                        || now - fullPassAt >= FULL_PASS.toNanos()
                        || (idle && backlog > 0 && now - fullPassAt >= RECOUNT.toNanos());
                long done = indexer.drain(() -> !stopped && recountIfDue(), full ? Optional.empty() : indexer.last());
                embedded.add(done);
                idle = done == 0;
                if (full) {
                    fullPassAt = now;
                }
                recountIfDue();
                lastFailure = null;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                lastFailure = e.getMessage();
                failures.increment();
                LOG.warn(
                        "Embedding messages failed, will try again in {} s: {}",
                        AFTER_FAILURE.toSeconds(),
                        e.toString());
                pause = AFTER_FAILURE;
            }
            sleep(pause);
        }
    }

    /**
     * Recounts the backlog when the last count is older than {@link #RECOUNT}, or older than a
     * second and quick (under {@link #QUICK_COUNT}: a small database, where a count per round is
     * cheap); always true.
     */
    private boolean recountIfDue() {
        long now = System.nanoTime();
        boolean due = backlog < 0
                || now - countedAt >= RECOUNT.toNanos()
                || (now - countedAt >= POLL.toNanos() && countTook < QUICK_COUNT.toNanos());
        if (due) {
            backlog = database.embeddings().backlog(embedder.orElseThrow().model());
            countedAt = System.nanoTime();
            countTook = countedAt - now;
        }
        return true;
    }

    private void sleep(Duration pause) {
        lock.lock();
        try {
            if (!stopped) {
                woken.await(pause.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What readiness and {@code check} show: {@code enabled}, and when on the model, its
     * dimensions, the messages waiting for a vector as last counted ({@code backlog}, -1 before
     * the first count) and the last failure of the indexer, if its last round failed.
     */
    public Map<String, Object> status() {
        var status = new LinkedHashMap<String, Object>();
        status.put("enabled", embedder.isPresent());
        embedder.ifPresent(model -> {
            status.put("model", model.model().name());
            status.put("dimensions", model.model().dimensions());
            status.put("backlog", backlog);
            if (lastFailure != null) {
                status.put("lastFailure", lastFailure);
            }
        });
        return status;
    }

    /** Binds the indexer's gauges and counters to {@code metrics}, when semantic search is on. */
    public void bind(ServiceMetrics metrics) {
        if (embedder.isPresent()) {
            metrics.embedding(() -> backlog, embedded, failures);
        }
    }

    /** Stops the indexer; a batch being embedded is left to its claim's time limit. */
    @Override
    public void close() {
        stopped = true;
        wake();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            // Not interrupted: a thread interrupted within JDBC may leave its connection unusable.
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
