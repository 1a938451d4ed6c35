package dev.colloquy.app.cli;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.semantic.SemanticSearch;
import dev.colloquy.embedding.Embedder;
import dev.colloquy.embedding.EmbeddingIndexer;
import dev.colloquy.persistence.config.ConfigurationException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embed every message waiting for a vector of the model in use (the bundled model, or EMBEDDING_MODEL"
                    + " of EMBEDDING_URL), with progress, as a server's indexer does in the background: after a"
                    + " change of model, or to fill a database before serving it. Servers running meanwhile share"
                    + " the work. Stopped midway, a run resumes where it was: the batch it held is taken over once"
                    + " its claim runs out (5 minutes).",
            "Exit 0 once no message waits; 1 if messages stay claimed by an indexer that makes no progress."
        })
public class EmbedCommand extends DatabaseCommand {

    /** How long a run waits for messages another indexer claimed: past their claims' time. */
    static final Duration PATIENCE = EmbeddingIndexer.LEASE.plusMinutes(1);

    @Option(
            names = "--forget-other-models",
            description = "once none waits, delete the vectors of every other model (those of a model used before)")
    boolean forgetOtherModels;

    @Override
    public Integer call() throws InterruptedException {
        var environment = environment();
        var settings = settings();
        var server = ServerSettings.from(settings);
        if (!server.semanticSearch()) {
            throw new ConfigurationException(
                    ServerSettings.SEMANTIC_SEARCH, "is off: there is no model to embed the messages with");
        }
        try (var db = open()) {
            Embedder model = SemanticSearch.embedder(server, db).orElseThrow();
            var embedded = new AtomicLong();
            Embedder counting = Embedder.observed(model, (texts, nanos) -> embedded.addAndGet(texts));
            var name = model.model().name();
            long waiting = db.embeddings().backlog(model.model());
            environment.err().printf("%d messages wait for a vector of %s%n", waiting, name);
            var progress = new ProgressPrinter(environment.err(), System.console() != null);
            progress.begin("embed", "message", waiting);
            var indexer = new EmbeddingIndexer(db.embeddings(), counting);
            long start = System.nanoTime();
            long lastProgress = start;
            long seen = 0;
            while (true) {
                indexer.drain(() -> {
                    progress.advance(embedded.get());
                    return true;
                });
                waiting = db.embeddings().backlog(model.model());
                if (waiting == 0) {
                    break;
                }
                // What is left is claimed by another indexer: a server sharing the work, or a run
                // that stopped (its claims run out). Wait for either, as long as something moves.
                long now = System.nanoTime();
                if (embedded.get() > seen) {
                    seen = embedded.get();
                    lastProgress = now;
                }
                if (now - lastProgress > PATIENCE.toNanos()) {
                    progress.end(embedded.get());
                    environment
                            .err()
                            .printf(
                                    "%d messages still wait, claimed by an indexer that made no progress for %d"
                                            + " minutes; run embed again%n",
                                    waiting, PATIENCE.toMinutes());
                    return ColloquyCommand.FAILURE;
                }
                Thread.sleep(2_000);
            }
            progress.end(embedded.get());
            double seconds = (System.nanoTime() - start) / 1e9;
            environment
                    .out()
                    .printf(
                            Locale.ROOT,
                            "Embedded %d messages with %s in %.1f s (%.0f a second); none waits.%n",
                            embedded.get(),
                            name,
                            seconds,
                            seconds > 0 ? embedded.get() / seconds : 0);
            if (forgetOtherModels) {
                long forgotten = db.embeddings().forgetOtherModels(model.model());
                environment.out().printf("Deleted %d vectors of other models.%n", forgotten);
            }
            return 0;
        }
    }
}
