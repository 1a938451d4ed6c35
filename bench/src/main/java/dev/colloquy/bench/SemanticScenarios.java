package dev.colloquy.bench;

import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.embedding.EmbeddingIndexer;
import dev.colloquy.embedding.LocalEmbedder;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.semantic.PendingMessage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Semantic search: {@code embed-backlog}, the background indexer's throughput (messages embedded
 * by the bundled model and stored, per second, one indexer), and {@code semantic-search}, a search
 * by meaning over {@link Scale#semanticMessages()} messages across the project and within one
 * conversation, through the store (the vectors held in memory, as a server holds them after its
 * first search). The indexer embeds the first {@link Scale#embedSample()} messages as it does in a
 * server; the rest get vectors of the model stored through the same claims (see {@link
 * #storeTheRest}).
 */
final class SemanticScenarios {

    private static final List<String> QUERIES = List.of(
            "my order never arrived",
            "how do I reset my password",
            "the invoice is wrong",
            "deploy failed with an error",
            "please help with my account");

    private final Scale scale;
    private final BenchDatabases databases;
    private final PrintStream log;
    /** The model's vectors of a run's first texts, given in turn to the messages not embedded. */
    private static final int POOL = 512;

    private final List<float[]> pool = new ArrayList<>();
    private long next;

    SemanticScenarios(Scale scale, BenchDatabases databases, PrintStream log) {
        this.scale = scale;
        this.databases = databases;
        this.log = log;
    }

    List<Measurement> run(String backend, Path scratch) throws Exception {
        Path export = BulkData.messagesFile(scratch, scale.semanticMessages());
        String url = QueryScenarios.load(databases, backend, export, log);
        var results = new ArrayList<Measurement>();
        var model = LocalEmbedder.shared();
        try (var database = Database.open(Scenarios.settings(url))) {
            // embed-backlog: one indexer, as a server runs it, over the oldest messages.
            var indexer = new EmbeddingIndexer(database.embeddings(), model);
            var batches = new Latencies();
            long embedded = 0;
            long start = System.nanoTime();
            while (embedded < scale.embedSample()) {
                long batchStart = System.nanoTime();
                int done = indexer.runOnce();
                if (done == 0) {
                    break;
                }
                batches.add(System.nanoTime() - batchStart);
                embedded += done;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            var throughput = new Measurement(
                    "embed-backlog",
                    backend,
                    "colloquy",
                    1,
                    embedded,
                    seconds,
                    embedded / seconds,
                    batches.percentile(50),
                    batches.percentile(95),
                    batches.percentile(99),
                    0,
                    "message");
            results.add(throughput);
            log.printf(
                    "  embed-backlog              %-8s %,d messages in %.1f s: %.0f messages/s (batch of %d p50 %.0f ms)%n",
                    backend, embedded, seconds, throughput.throughput(), EmbeddingIndexer.BATCH, throughput.p50());
            storeTheRest(database);
            if (database.embeddings().backlog(model.model()) != 0) {
                throw new IllegalStateException("messages left without a vector");
            }

            UUID project = database.projects().findByName("bench").orElseThrow().id();
            UUID conversation = database.conversations()
                    .list(project, ConversationFilter.all().withLimit(1))
                    .items()
                    .get(0)
                    .id();
            var queries = new ArrayList<float[]>();
            QUERIES.forEach(query -> queries.add(model.embed(query)));
            for (boolean inConversation : List.of(false, true)) {
                String scenario = inConversation ? "semantic-search:one-conversation" : "semantic-search:project";
                Load.Operation search = (thread, i) -> {
                    var request = SearchRequest.of(QUERIES.get((int) (i % QUERIES.size())))
                            .withLimit(QueryScenarios.PAGE);
                    if (inConversation) {
                        request = request.inConversation(conversation);
                    }
                    var hits = database.search()
                            .similar(project, request, model.model(), queries.get((int) (i % QUERIES.size())))
                            .hits();
                    if (hits.isEmpty()) {
                        throw new IllegalStateException(scenario + " found nothing");
                    }
                };
                search.run(0, 0); // the project's vectors read into memory, as a server's first search does
                var latencies = Load.sequential(scale.lookups(), scale.latencyBudget(), search);
                var measurement = Measurement.throughput(scenario, backend, "colloquy", 1, latencies, 0, "query");
                results.add(measurement);
                log.printf(
                        "  %-26s %-8s colloquy  p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  (%d runs)%n",
                        scenario,
                        backend,
                        measurement.p50(),
                        measurement.p95(),
                        measurement.p99(),
                        measurement.operations());
            }
        }
        return results;
    }

    /**
     * Vectors for every message still waiting, stored through claims as the indexer stores them:
     * the model's vectors of the first {@value #POOL} texts, given to the messages in turn (an
     * exact search compares every vector whatever its values, so its time does not depend on
     * them; embedding every message of a large data set would take the run most of an hour).
     */
    private void storeTheRest(Database database) {
        var model = LocalEmbedder.shared();
        long start = System.nanoTime();
        long stored = 0;
        while (true) {
            List<PendingMessage> pending =
                    database.embeddings().claim(model.model(), 500, Duration.ofMinutes(30), Optional.empty());
            if (pending.isEmpty()) {
                break;
            }
            if (pool.size() < POOL) {
                var texts = pending.stream()
                        .limit(POOL - pool.size())
                        .map(PendingMessage::text)
                        .toList();
                for (int i = 0; i < texts.size(); i += EmbeddingIndexer.BATCH) {
                    pool.addAll(model.embed(texts.subList(i, Math.min(texts.size(), i + EmbeddingIndexer.BATCH))));
                }
            }
            var batch = new HashMap<UUID, float[]>();
            for (PendingMessage message : pending) {
                batch.put(message.id(), pool.get((int) (next++ % pool.size())));
            }
            stored += database.embeddings().store(model.model(), batch);
        }
        log.printf("  stored vectors for %,d more messages in %.1f s%n", stored, (System.nanoTime() - start) / 1e9);
    }
}
