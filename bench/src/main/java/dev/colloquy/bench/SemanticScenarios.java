package dev.colloquy.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.embedding.Embedder;
import dev.colloquy.embedding.EmbeddingIndexer;
import dev.colloquy.embedding.LocalEmbedder;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.semantic.PendingMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

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

    /** The lengths, in word pieces, of the texts of {@code embed-model}. */
    private static final List<Integer> LENGTHS = List.of(16, 32, 64, 128, 256);

    /** Words of chat-like English, each one word piece, the texts of {@code embed-model} are made of. */
    private static final List<String> ENGLISH = Stream.concat(
                    BenchData.COMMON.stream(),
                    Stream.of(
                            "i",
                            "my",
                            "password",
                            "reset",
                            "login",
                            "email",
                            "message",
                            "server",
                            "time",
                            "day",
                            "week",
                            "again",
                            "never",
                            "still",
                            "arrived",
                            "sent",
                            "wrong",
                            "new",
                            "old",
                            "change",
                            "cancel",
                            "price",
                            "card",
                            "bank",
                            "address",
                            "phone",
                            "number",
                            "team",
                            "update",
                            "version",
                            "file",
                            "page",
                            "link",
                            "open",
                            "closed",
                            "today",
                            "yesterday",
                            "when",
                            "why",
                            "how",
                            "what",
                            "could",
                            "would",
                            "should",
                            "not"))
            .toList();

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
            var modelNanos = new AtomicLong();
            Embedder timed = Embedder.observed(model, (texts, nanos) -> modelNanos.addAndGet(nanos));
            var indexer = new EmbeddingIndexer(database.embeddings(), timed);
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
                    "  embed-backlog              %-8s %,d messages in %.1f s: %.0f messages/s (batch of %d p50 %.0f ms; the model %.1f s, claims and stores %.1f s)%n",
                    backend,
                    embedded,
                    seconds,
                    throughput.throughput(),
                    EmbeddingIndexer.BATCH,
                    throughput.p50(),
                    modelNanos.get() / 1e9,
                    seconds - modelNanos.get() / 1e9);
            log.printf(
                    "  the corpus's messages average %.1f word pieces (the model's tokens, with its two markers)%n",
                    averageWordPieces(corpusSample()));
            results.addAll(embedByLength(backend, model));
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

    /** The word pieces of {@code text}, as the model counts them (markers included). */
    private static int wordPieces(HuggingFaceTokenizer tokenizer, String text) {
        return tokenizer.encode(text).getIds().length;
    }

    private static HuggingFaceTokenizer tokenizer() {
        try (var json = LocalEmbedder.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            return HuggingFaceTokenizer.newInstance(
                    Objects.requireNonNull(json, "the model's tokenizer"),
                    Map.of("truncation", "false", "padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double averageWordPieces(List<String> texts) {
        try (var tokenizer = tokenizer()) {
            return texts.stream()
                    .mapToInt(text -> wordPieces(tokenizer, text))
                    .average()
                    .orElse(0);
        }
    }

    /** Texts made as the data set's messages are (the same generator, its own draws). */
    private static List<String> corpusSample() {
        var random = new Random(11);
        var texts = new ArrayList<String>();
        for (int i = 0; i < 1_000; i++) {
            texts.add(BenchData.sentence(random));
        }
        return texts;
    }

    /**
     * {@code embed-model:N-pieces}: the model alone (no database), embedding batches of {@link
     * EmbeddingIndexer#BATCH} English texts of N word pieces each, as the indexer hands them over:
     * what the indexer's throughput becomes for messages of that length.
     */
    private List<Measurement> embedByLength(String backend, LocalEmbedder model) {
        var results = new ArrayList<Measurement>();
        int count = Math.min(128, scale.embedSample());
        try (var tokenizer = tokenizer()) {
            for (int pieces : LENGTHS) {
                var random = new Random(pieces);
                var texts = new ArrayList<String>();
                for (int i = 0; i < count; i++) {
                    var text = new StringBuilder();
                    while (wordPieces(tokenizer, text + " " + ENGLISH.get(0)) <= pieces) {
                        text.append(text.isEmpty() ? "" : " ").append(ENGLISH.get(random.nextInt(ENGLISH.size())));
                    }
                    texts.add(text.toString());
                }
                model.embed(texts.subList(0, Math.min(8, texts.size()))); // warm
                var batches = new Latencies();
                long start = System.nanoTime();
                for (int i = 0; i < texts.size(); i += EmbeddingIndexer.BATCH) {
                    long batchStart = System.nanoTime();
                    model.embed(texts.subList(i, Math.min(texts.size(), i + EmbeddingIndexer.BATCH)));
                    batches.add(System.nanoTime() - batchStart);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double average = texts.stream()
                        .mapToInt(text -> wordPieces(tokenizer, text))
                        .average()
                        .orElse(0);
                var measurement = new Measurement(
                        "embed-model:" + pieces + "-pieces",
                        backend,
                        "colloquy",
                        1,
                        texts.size(),
                        seconds,
                        texts.size() / seconds,
                        batches.percentile(50),
                        batches.percentile(95),
                        batches.percentile(99),
                        0,
                        "message");
                results.add(measurement);
                log.printf(
                        "  %-26s %-8s %d texts of %.1f word pieces: %.0f messages/s%n",
                        measurement.scenario(), backend, texts.size(), average, measurement.throughput());
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
