package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Role;
import dev.colloquy.embedding.Embedder;
import dev.colloquy.embedding.EmbeddingIndexer;
import dev.colloquy.embedding.LocalEmbedder;
import dev.colloquy.message.Message;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchHit;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.search.SearchResults;
import dev.colloquy.search.SearchStore;
import dev.colloquy.semantic.VectorModel;
import dev.colloquy.semantic.Vectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Search by meaning, with the bundled model really run: the nearest messages by cosine similarity
 * with every filter of search by words, the hybrid fusion, and the background indexer's claims
 * (taken over when they run out, never embedding a message twice when indexers share a database).
 */
public interface SemanticContract extends ContractSupport {

    default Embedder embedder() {
        return LocalEmbedder.shared();
    }

    /** Embeds every message of the database that waits for its vector. */
    default void embedAll(Database database) {
        new EmbeddingIndexer(database.embeddings(), embedder()).drain(() -> true);
    }

    default SearchResults similar(UUID project, SearchRequest request) {
        return database()
                .search()
                .similar(project, request, embedder().model(), embedder().embed(request.query()));
    }

    default List<UUID> similarIds(UUID project, SearchRequest request) {
        return similar(project, request).hits().stream()
                .map(hit -> hit.messageId().orElseThrow())
                .toList();
    }

    private static Map<String, UUID> byContent(List<Message> messages) {
        var ids = new HashMap<String, UUID>();
        messages.forEach(message -> ids.put(message.content(), message.id()));
        return ids;
    }

    @Test
    default void aSearchByMeaningFindsTheParaphraseFirstWithItsExactSimilarity() {
        UUID project = newProject();
        Conversation conversation = newConversation(project);
        var ids = byContent(append(
                project,
                conversation.id(),
                "I forgot my login credentials and cannot get into my account",
                "How do I bake a sourdough bread at home?",
                "The invoice for March is still unpaid",
                "My package never arrived, the tracking stopped on Monday",
                "The weather is sunny today",
                "Which flights leave for Lisbon tomorrow morning?"));
        embedAll(database());

        assertThat(similarIds(project, SearchRequest.of("reset my password")).get(0))
                .isEqualTo(ids.get("I forgot my login credentials and cannot get into my account"));
        assertThat(similarIds(project, SearchRequest.of("where is my parcel?")).get(0))
                .isEqualTo(ids.get("My package never arrived, the tracking stopped on Monday"));
        assertThat(similarIds(project, SearchRequest.of("a recipe for baking")).get(0))
                .isEqualTo(ids.get("How do I bake a sourdough bread at home?"));
        assertThat(similarIds(project, SearchRequest.of("overdue bill")).get(0))
                .isEqualTo(ids.get("The invoice for March is still unpaid"));

        // Every message is ranked, best first, with its cosine similarity as its score.
        var results = similar(project, SearchRequest.of("reset my password"));
        assertThat(results.capped()).isFalse();
        assertThat(results.hits()).hasSize(6);
        float[] query = Vectors.unit(embedder().embed("reset my password"));
        for (SearchHit hit : results.hits()) {
            assertThat(hit.kind()).isEqualTo(SearchHit.Kind.MESSAGE);
            assertThat(hit.similarity()).hasValue(hit.score());
            String content = ids.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(hit.messageId().orElseThrow()))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            float[] message = Vectors.unit(embedder().embed(content));
            assertThat(hit.score()).isEqualTo(Vectors.similarity(query, message));
        }
        assertThat(results.hits()).extracting(SearchHit::score).isSortedAccordingTo(Comparator.reverseOrder());
        // The limit, and a paraphrase sharing no word with the query still comes first.
        assertThat(similar(project, SearchRequest.of("reset my password").withLimit(2))
                        .hits())
                .hasSize(2);
        assertThat(database().search().search(project, SearchRequest.of("reset my password")))
                .isEmpty();
    }

    @Test
    default void aSearchByMeaningKeepsEveryFilterOfASearchByWords() {
        UUID project = newProject();
        Instant start = Instant.parse("2026-05-01T08:00:00Z");
        Conversation billing;
        Conversation travel;
        List<Message> early;
        List<Message> late;
        try (var pin = clock().pin(start)) {
            billing = database()
                    .conversations()
                    .create(project, NewConversation.titled("billing").withTags("money"));
            travel = database()
                    .conversations()
                    .create(project, NewConversation.titled("travel").withTags("trips"));
            early = new ArrayList<>(database()
                    .messages()
                    .append(
                            project,
                            billing.id(),
                            List.of(
                                    new NewMessage(
                                            "user",
                                            "Why was my card charged twice?",
                                            Metadata.parse("m", "{\"source\":\"email\"}")),
                                    NewMessage.of("assistant", "The second charge was a refund hold"))));
            early.addAll(database()
                    .messages()
                    .append(project, travel.id(), List.of(NewMessage.of("user", "Book me a train to Porto"))));
        }
        try (var pin = clock().pin(start.plusSeconds(3600))) {
            late = new ArrayList<>(database()
                    .messages()
                    .append(
                            project,
                            billing.id(),
                            List.of(new NewMessage(
                                    "user", "Please refund the duplicate payment", Metadata.parse("m", "{\"n\":2}")))));
            late.addAll(database()
                    .messages()
                    .append(project, travel.id(), List.of(NewMessage.of("assistant", "Your train leaves at nine"))));
        }
        embedAll(database());
        var all = new ArrayList<Message>(early);
        all.addAll(late);
        var query = SearchRequest.of("payment problem").withLimit(100);

        assertThat(similarIds(project, query)).containsExactlyInAnyOrderElementsOf(ids(all));
        assertThat(similarIds(project, query.inConversation(travel.id())))
                .containsExactlyInAnyOrderElementsOf(
                        ids(of(all, m -> m.conversationId().equals(travel.id()))));
        assertThat(similarIds(project, query.withTag("money")))
                .containsExactlyInAnyOrderElementsOf(
                        ids(of(all, m -> m.conversationId().equals(billing.id()))));
        assertThat(similarIds(project, query.withTag("no-such-tag"))).isEmpty();
        assertThat(similarIds(project, query.withRole(Role.ASSISTANT)))
                .containsExactlyInAnyOrderElementsOf(ids(of(all, m -> m.role() == Role.ASSISTANT)));
        assertThat(similarIds(project, query.since(start.plusSeconds(3600))))
                .containsExactlyInAnyOrderElementsOf(ids(late));
        assertThat(similarIds(project, query.until(start.plusSeconds(3600))))
                .containsExactlyInAnyOrderElementsOf(ids(early));
        assertThat(similarIds(project, query.withMetadata("source", "email")))
                .containsExactly(early.get(0).id());
        assertThat(similarIds(project, query.withMetadata("n", "2")))
                .containsExactly(late.get(0).id());
        // Filters combine; within a conversation, the best is the nearest there.
        assertThat(similarIds(
                        project,
                        query.inConversation(billing.id()).withRole(Role.USER).since(start.plusSeconds(1))))
                .containsExactly(late.get(0).id());
        assertThat(similarIds(
                                project,
                                SearchRequest.of("a refund for the double charge")
                                        .inConversation(billing.id()))
                        .get(0))
                .isIn(early.get(0).id(), late.get(0).id(), early.get(1).id());
        // Another project's data is never found, nor its conversation.
        UUID other = newProject();
        assertThat(similarIds(other, query)).isEmpty();
        assertThatThrownBy(() -> similar(other, query.inConversation(billing.id())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> similar(project, query.inConversation(Ids.next())))
                .isInstanceOf(NotFoundException.class);
    }

    private static List<UUID> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static List<Message> of(List<Message> messages, java.util.function.Predicate<Message> test) {
        return messages.stream().filter(test).toList();
    }

    @Test
    default void aMessageIsFoundByMeaningOnceEmbeddedAndItsVectorGoesWithIt() {
        UUID project = newProject();
        Conversation conversation = newConversation(project);
        var stored = append(project, conversation.id(), "The dishwasher leaks water onto the kitchen floor");
        var model = embedder().model();
        assertThat(database().embeddings().backlog(model)).isGreaterThanOrEqualTo(1);
        // Not embedded yet: not found by meaning, found by its words.
        assertThat(similarIds(project, SearchRequest.of("appliance flooding"))).isEmpty();
        assertThat(database().search().search(project, SearchRequest.of("dishwasher")))
                .hasSize(1);
        embedAll(database());
        assertThat(database().embeddings().backlog(model)).isZero();
        assertThat(similarIds(project, SearchRequest.of("appliance flooding")))
                .containsExactly(stored.get(0).id());
        long vectors = database().embeddings().vectorsByModel().get(model.name());
        database().conversations().delete(project, conversation.id());
        assertThat(database().embeddings().vectorsByModel().getOrDefault(model.name(), 0L))
                .isEqualTo(vectors - 1);
        assertThat(similarIds(project, SearchRequest.of("appliance flooding"))).isEmpty();
    }

    @Test
    default void aSearchByMeaningSeesVectorsStoredSinceAndNeverADeletedMessage() {
        var settings = freshSettings();
        try (Database searching = Database.open(settings, clock(), dev.colloquy.domain.Limits.DEFAULTS);
                Database indexing = Database.open(settings, clock(), dev.colloquy.domain.Limits.DEFAULTS)) {
            UUID project = indexing.projects().create("held").id();
            var first = indexing.conversations().create(project, NewConversation.empty());
            var second = indexing.conversations().create(project, NewConversation.empty());
            var early = indexing.messages()
                    .append(project, first.id(), List.of(NewMessage.of("user", "The train to Porto was delayed")));
            new EmbeddingIndexer(indexing.embeddings(), embedder()).drain(() -> true);
            var model = embedder().model();
            var query = SearchRequest.of("railway delay").withLimit(10);
            float[] vector = embedder().embed(query.query());
            assertThat(searching.search().similar(project, query, model, vector).hits())
                    .extracting(hit -> hit.messageId().orElseThrow())
                    .containsExactly(early.get(0).id());
            // Vectors stored by another server since: found by the next search.
            var late = indexing.messages()
                    .append(
                            project,
                            second.id(),
                            List.of(
                                    NewMessage.of("user", "My train was late again this morning"),
                                    NewMessage.of("user", "Chocolate cake recipe")));
            new EmbeddingIndexer(indexing.embeddings(), embedder()).drain(() -> true);
            var ids = searching.search().similar(project, query, model, vector).hits().stream()
                    .map(hit -> hit.messageId().orElseThrow())
                    .toList();
            assertThat(ids)
                    .hasSize(3)
                    .containsExactlyInAnyOrder(
                            early.get(0).id(), late.get(0).id(), late.get(1).id());
            assertThat(ids.get(2)).isEqualTo(late.get(1).id());
            // A deleted message is never found, and the limit is still filled by the next best.
            indexing.conversations().delete(project, first.id());
            assertThat(searching
                            .search()
                            .similar(project, query.withLimit(2), model, vector)
                            .hits())
                    .extracting(hit -> hit.messageId().orElseThrow())
                    .containsExactly(late.get(0).id(), late.get(1).id());
            assertThat(searching
                            .search()
                            .hybrid(project, query.withLimit(2), model, vector)
                            .hits())
                    .extracting(hit -> hit.messageId().orElseThrow())
                    .containsExactlyInAnyOrder(late.get(0).id(), late.get(1).id());
            // The same answers as reading the vectors from the database (a metadata filter does).
            assertThat(searching
                            .search()
                            .similar(project, query.withMetadata("absent", "x"), model, vector)
                            .hits())
                    .isEmpty();
        }
    }

    @Test
    default void aProjectThatOptsOutIsNeitherEmbeddedNorSearchedByMeaningUntilBackOn() {
        try (Database db = Database.open(freshSettings(), clock(), dev.colloquy.domain.Limits.DEFAULTS)) {
            var model = embedder().model();
            UUID in = db.projects().create("in").id();
            var out = db.projects().create("out", false);
            assertThat(out.semanticSearch()).isFalse();
            assertThat(db.projects().find(in).orElseThrow().semanticSearch()).isTrue();
            var inConversation = db.conversations().create(in, NewConversation.empty());
            var outConversation = db.conversations().create(out.id(), NewConversation.empty());
            db.messages()
                    .append(in, inConversation.id(), List.of(NewMessage.of("user", "The train to Porto was late")));
            var cancelled = db.messages()
                    .append(out.id(), outConversation.id(), List.of(NewMessage.of("user", "My flight was cancelled")));
            // Only the project that searches by meaning waits for vectors and gets them.
            assertThat(db.embeddings().backlog(model)).isEqualTo(1);
            assertThat(new EmbeddingIndexer(db.embeddings(), embedder()).drain(() -> true))
                    .isEqualTo(1);
            assertThat(db.embeddings().vectorsByModel()).isEqualTo(Map.of(model.name(), 1L));
            var query = SearchRequest.of("travel disruption");
            float[] vector = embedder().embed(query.query());
            assertThatThrownBy(() -> db.search().similar(out.id(), query, model, vector))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("search by meaning is off for this project");
            assertThatThrownBy(() -> db.search().hybrid(out.id(), query, model, vector))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("search by meaning is off for this project");
            assertThat(db.search().search(out.id(), SearchRequest.of("flight"))).hasSize(1);

            // Back on: what it stored meanwhile is embedded and found.
            assertThat(db.projects().semanticSearch(out.id(), true).semanticSearch())
                    .isTrue();
            assertThat(db.embeddings().backlog(model)).isEqualTo(1);
            assertThat(new EmbeddingIndexer(db.embeddings(), embedder()).drain(() -> true))
                    .isEqualTo(1);
            assertThat(db.search().similar(out.id(), query, model, vector).hits())
                    .extracting(hit -> hit.messageId().orElseThrow())
                    .containsExactly(cancelled.get(0).id());

            // Off again: its vectors are kept, its new messages wait for none, search is refused.
            assertThat(db.projects().semanticSearch(in, false).semanticSearch()).isFalse();
            db.messages().append(in, inConversation.id(), List.of(NewMessage.of("user", "The bus never came")));
            assertThat(db.embeddings().backlog(model)).isZero();
            assertThat(new EmbeddingIndexer(db.embeddings(), embedder()).drain(() -> true))
                    .isZero();
            assertThat(db.embeddings().vectorsByModel()).isEqualTo(Map.of(model.name(), 2L));
            assertThatThrownBy(() -> db.search().similar(in, query, model, vector))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> db.projects().semanticSearch(UUID.randomUUID(), false))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    /** The bundled model, counting the texts it embeds. */
    final class Counting implements Embedder {
        final Map<String, AtomicInteger> texts = new ConcurrentHashMap<>();

        @Override
        public VectorModel model() {
            return LocalEmbedder.shared().model();
        }

        @Override
        public List<float[]> embed(List<String> batch) {
            batch.forEach(text ->
                    texts.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet());
            return LocalEmbedder.shared().embed(batch);
        }
    }

    @Test
    default void aClaimThatRanOutIsTakenOverAndAFailedBatchIsGivenBack() {
        try (Database fresh = Database.open(freshSettings(), clock(), dev.colloquy.domain.Limits.DEFAULTS)) {
            UUID project = fresh.projects().create("claims").id();
            var conversation = fresh.conversations().create(project, NewConversation.empty());
            var batch = new ArrayList<NewMessage>();
            for (int i = 0; i < 30; i++) {
                batch.add(NewMessage.of("user", "note " + i + " about the quarterly budget review"));
            }
            var messages = fresh.messages().append(project, conversation.id(), batch);
            VectorModel model = embedder().model();
            // An indexer claimed ten messages ten minutes ago for one minute, then died.
            try (var pin = clock().pin(Instant.now().minus(Duration.ofMinutes(10)))) {
                assertThat(fresh.embeddings().claim(model, 10, Duration.ofMinutes(1), Optional.empty()))
                        .hasSize(10);
            }
            // A live claim of another indexer holds ten more.
            var held = fresh.embeddings().claim(model, 10, Duration.ofMinutes(5), Optional.empty());
            assertThat(held).hasSize(10);
            // A model that fails gives its batch back.
            Embedder failing = new Embedder() {
                @Override
                public VectorModel model() {
                    return model;
                }

                @Override
                public List<float[]> embed(List<String> texts) {
                    throw new IllegalStateException("out of memory");
                }
            };
            assertThatThrownBy(
                            () -> new EmbeddingIndexer(fresh.embeddings(), failing, 5, Duration.ofMinutes(5)).runOnce())
                    .hasMessage("out of memory");
            var counting = new Counting();
            new EmbeddingIndexer(fresh.embeddings(), counting).drain(() -> true);
            // The run-out claims and the rest were embedded, once each; the live claim was left.
            var heldIds = new HashSet<UUID>();
            held.forEach(pending -> heldIds.add(pending.id()));
            assertThat(counting.texts).hasSize(20);
            assertThat(counting.texts.values()).allMatch(count -> count.get() == 1);
            assertThat(fresh.embeddings().backlog(model)).isEqualTo(10);
            for (Message message : messages) {
                assertThat(counting.texts.containsKey(message.content())).isNotEqualTo(heldIds.contains(message.id()));
            }
            // Its holder stores them.
            var vectors = new HashMap<UUID, float[]>();
            held.forEach(pending -> vectors.put(pending.id(), embedder().embed(pending.text())));
            assertThat(fresh.embeddings().store(model, vectors)).isEqualTo(10);
            assertThat(fresh.embeddings().backlog(model)).isZero();
            assertThat(fresh.embeddings().vectorsByModel()).isEqualTo(Map.of(model.name(), 30L));
            // A claim when nothing waits is empty.
            assertThat(fresh.embeddings().claim(model, 10, Duration.ofMinutes(1), Optional.empty()))
                    .isEmpty();
        }
    }

    @Test
    default void indexersSharingADatabaseEmbedEachMessageOnce() throws Exception {
        var settings = freshSettings();
        // three instances: each its own pool of connections, as three servers on one database
        try (Database fresh = Database.open(settings, clock(), dev.colloquy.domain.Limits.DEFAULTS);
                Database second = Database.open(settings, clock(), dev.colloquy.domain.Limits.DEFAULTS);
                Database third = Database.open(settings, clock(), dev.colloquy.domain.Limits.DEFAULTS)) {
            var instances = List.of(fresh, second, third);
            UUID project = fresh.projects().create("shared").id();
            int total = 0;
            for (int c = 0; c < 4; c++) {
                var conversation = fresh.conversations().create(project, NewConversation.empty());
                var batch = new ArrayList<NewMessage>();
                for (int i = 0; i < 60; i++) {
                    batch.add(NewMessage.of("user", "conversation " + c + " line " + i + " on shipping delays"));
                }
                fresh.messages().append(project, conversation.id(), batch);
                total += batch.size();
            }
            var counting = new Counting();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                var runs = new ArrayList<Future<Long>>();
                for (Database instance : instances) {
                    runs.add(pool.submit(
                            () -> new EmbeddingIndexer(instance.embeddings(), counting, 16, Duration.ofMinutes(5))
                                    .drain(() -> true)));
                }
                long claimed = 0;
                for (var run : runs) {
                    claimed += run.get();
                }
                assertThat(claimed).isEqualTo(total);
            } finally {
                pool.shutdownNow();
            }
            assertThat(counting.texts).hasSize(total);
            assertThat(counting.texts.values()).allMatch(count -> count.get() == 1);
            assertThat(fresh.embeddings().backlog(embedder().model())).isZero();
        }
    }

    @Test
    default void aHybridSearchFusesTheTwoRankingsByReciprocalRank() {
        UUID project = newProject();
        var titled = database().conversations().create(project, NewConversation.titled("invoice disputes"));
        var stored = append(
                project,
                titled.id(),
                "The invoice total is wrong, I was billed for two seats",
                "We were overcharged on the last bill",
                "invoice 4411 attached",
                "Lunch is at noon in the usual place",
                "Can you resend the receipt for my payment?");
        embedAll(database());
        var request = SearchRequest.of("invoice").withLimit(100);
        VectorModel model = embedder().model();
        float[] query = embedder().embed(request.query());
        var words = database().search().find(project, request.withLimit(1000)).hits();
        var meaning = database()
                .search()
                .similar(project, request.withLimit(1000), model, query)
                .hits();
        assertThat(words).isNotEmpty();
        assertThat(meaning).hasSize(stored.size());

        // The expected fusion, computed here from the two rankings.
        Map<UUID, Integer> wordRanks = new HashMap<>();
        Map<UUID, SearchHit.Kind> kinds = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            UUID id = words.get(i).messageId().orElse(words.get(i).conversationId());
            wordRanks.put(id, i + 1);
            kinds.put(id, words.get(i).kind());
        }
        Map<UUID, Integer> meaningRanks = new HashMap<>();
        for (int i = 0; i < meaning.size(); i++) {
            UUID id = meaning.get(i).messageId().orElseThrow();
            meaningRanks.put(id, i + 1);
            kinds.put(id, SearchHit.Kind.MESSAGE);
        }
        var expected = new ArrayList<>(kinds.keySet());
        Map<UUID, Double> scores = new HashMap<>();
        expected.forEach(id -> scores.put(
                id,
                (wordRanks.containsKey(id) ? 1.0 / (60 + wordRanks.get(id)) : 0)
                        + (meaningRanks.containsKey(id) ? 1.0 / (60 + meaningRanks.get(id)) : 0)));
        expected.sort(Comparator.<UUID>comparingDouble(scores::get)
                .reversed()
                .thenComparing((a, b) -> Ids.compare(b, a))
                .thenComparing(kinds::get));

        var hybrid = database().search().hybrid(project, request, model, query);
        assertThat(hybrid.hits())
                .extracting(hit -> hit.messageId().orElse(hit.conversationId()))
                .containsExactlyElementsOf(expected);
        for (SearchHit hit : hybrid.hits()) {
            UUID id = hit.messageId().orElse(hit.conversationId());
            assertThat(hit.score())
                    .isEqualTo(SearchStore.fused(wordRanks.getOrDefault(id, 0), meaningRanks.getOrDefault(id, 0)));
            assertThat(hit.score()).isCloseTo(scores.get(id), org.assertj.core.data.Offset.offset(1e-15));
            if (hit.kind() == SearchHit.Kind.MESSAGE) {
                assertThat(hit.similarity()).isPresent();
            } else {
                assertThat(hit.similarity()).isEmpty();
            }
        }
        // The title (found by its words only); with so few hits, every hit found both ways comes
        // before every hit found one way (ranks of at most 60 each: 2/120 > 1/61).
        assertThat(hybrid.hits()).anyMatch(hit -> hit.kind() == SearchHit.Kind.TITLE);
        var ways = hybrid.hits().stream()
                .map(hit -> hit.messageId().orElse(hit.conversationId()))
                .map(id -> (wordRanks.containsKey(id) ? 1 : 0) + (meaningRanks.containsKey(id) ? 1 : 0))
                .toList();
        assertThat(ways).contains(2, 1).isSortedAccordingTo(Comparator.reverseOrder());
        // The limit cuts the fused list.
        assertThat(database()
                        .search()
                        .hybrid(project, request.withLimit(2), model, query)
                        .hits())
                .extracting(hit -> hit.messageId().orElse(hit.conversationId()))
                .containsExactlyElementsOf(expected.subList(0, 2));
        // No words in common and no vector: nothing.
        assertThat(database()
                        .search()
                        .hybrid(newProject(), request, model, query)
                        .hits())
                .isEmpty();
    }
}
