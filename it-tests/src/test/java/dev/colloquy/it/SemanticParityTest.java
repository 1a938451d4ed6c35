package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Limits;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.Role;
import dev.colloquy.embedding.EmbeddingIndexer;
import dev.colloquy.embedding.LocalEmbedder;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchHit;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.search.SearchResults;
import dev.colloquy.transfer.Copier;
import dev.colloquy.transfer.Progress;
import dev.colloquy.transfer.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search by meaning and hybrid search give the same ordered list on SQLite and PostgreSQL: the
 * same hits in the same order with the same scores and similarities to the bit. The data (1,600
 * messages in 40 conversations, sentences about a dozen topics, with tags, roles, metadata and
 * times spread over 40 days) is written to SQLite and copied to PostgreSQL, so that both hold the
 * same ids; each database's own indexer embeds it (vectors are not copied). Then 160 generated
 * searches by meaning and 60 hybrid searches, with every filter and limits 1 to 100, run on both.
 */
class SemanticParityTest {

    private static final String[] SUBJECTS = {
        "my invoice",
        "the refund",
        "our shipment",
        "the password reset",
        "the login page",
        "a sourdough loaf",
        "the flight to Lisbon",
        "the hotel booking",
        "the database backup",
        "the build pipeline",
        "my subscription",
        "the weather forecast"
    };
    private static final String[] STATES = {
        "is late again", "failed this morning", "looks wrong", "was cancelled", "needs another review",
        "arrived broken", "keeps timing out", "was charged twice", "is finally working", "went missing"
    };
    private static final String[] ASIDES = {
        "",
        " please help",
        " can you check",
        " thanks a lot",
        " since Monday",
        " for the third time",
        " according to support"
    };
    private static final List<String> TAGS = List.of("billing", "travel", "ops", "kitchen", "accounts");
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    private static Database sqlite;
    private static Database postgres;
    private static UUID project;
    private static final List<UUID> conversations = new ArrayList<>();

    @BeforeAll
    static void load() {
        var clock = new TestClock();
        sqlite = Database.open(TestDatabases.fresh("sqlite"), clock, Limits.DEFAULTS);
        project = sqlite.projects().create("semantic").id();
        var random = new Random(20261203);
        Role[] roles = {Role.USER, Role.ASSISTANT, Role.SYSTEM, Role.TOOL};
        for (int c = 0; c < 40; c++) {
            try (var pin = clock.pin(START.plusSeconds(86_400L * c))) {
                var conversation = sqlite.conversations()
                        .create(project, NewConversation.titled("thread " + c).withTags(TAGS.get(c % TAGS.size())));
                conversations.add(conversation.id());
                var batch = new ArrayList<NewMessage>();
                for (int m = 0; m < 40; m++) {
                    String text = SUBJECTS[random.nextInt(SUBJECTS.length)] + " "
                            + STATES[random.nextInt(STATES.length)] + ASIDES[random.nextInt(ASIDES.length)];
                    var metadata = random.nextInt(3) == 0
                            ? Metadata.parse("m", "{\"source\":\"" + (random.nextBoolean() ? "email" : "chat") + "\"}")
                            : Metadata.EMPTY;
                    batch.add(new NewMessage(roles[random.nextInt(roles.length)].wireName(), text, metadata));
                }
                sqlite.messages().append(project, conversation.id(), batch);
            }
        }
        postgres = Database.open(TestDatabases.fresh("postgres"));
        var report = new Copier(new Copier.Options(false, false, 1000))
                .copy(Side.of(sqlite), Side.of(postgres), Progress.NONE);
        assertThat(report.succeeded()).as("copy to PostgreSQL").isTrue();
        for (Database database : List.of(sqlite, postgres)) {
            new EmbeddingIndexer(database.embeddings(), LocalEmbedder.shared()).drain(() -> true);
            assertThat(database.embeddings().backlog(LocalEmbedder.shared().model()))
                    .isZero();
        }
    }

    @AfterAll
    static void close() {
        if (sqlite != null) {
            sqlite.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A search of generated text with one filter (or none) and a limit of 1 to 100. */
    private static SearchRequest request(Random random) {
        String query = switch (random.nextInt(4)) {
            case 0 -> SUBJECTS[random.nextInt(SUBJECTS.length)];
            case 1 -> STATES[random.nextInt(STATES.length)];
            case 2 -> SUBJECTS[random.nextInt(SUBJECTS.length)] + " " + STATES[random.nextInt(STATES.length)];
            default ->
                List.of("money back", "cannot sign in", "trip abroad", "server outage", "baking bread", "rain")
                        .get(random.nextInt(6));
        };
        var request = SearchRequest.of(query).withLimit(1 + random.nextInt(100));
        return switch (random.nextInt(8)) {
            case 0 -> request.withRole(Role.parse("role", random.nextBoolean() ? "user" : "assistant"));
            case 1 -> request.withTag(TAGS.get(random.nextInt(TAGS.size())));
            case 2 -> request.inConversation(conversations.get(random.nextInt(conversations.size())));
            case 3 -> request.since(START.plusSeconds(86_400L * random.nextInt(40)));
            case 4 -> request.until(START.plusSeconds(86_400L * random.nextInt(40)));
            case 5 -> request.withMetadata("source", random.nextBoolean() ? "email" : "chat");
            default -> request;
        };
    }

    /** What must be equal: each hit's kind, id, score and similarity (to the bit), in order, and the flag. */
    private static List<String> ranked(SearchResults results) {
        var rows = new ArrayList<String>();
        for (SearchHit hit : results.hits()) {
            rows.add(hit.kind() + " " + hit.messageId().orElse(hit.conversationId()) + " "
                    + Long.toHexString(Double.doubleToRawLongBits(hit.score())) + " "
                    + (hit.similarity().isPresent()
                            ? Long.toHexString(
                                    Double.doubleToRawLongBits(hit.similarity().getAsDouble()))
                            : "-"));
        }
        rows.add("capped=" + results.capped());
        return rows;
    }

    @Test
    void everySearchByMeaningGivesTheSameOrderedListOnBothBackends() {
        var model = LocalEmbedder.shared();
        var random = new Random(5);
        int severalHits = 0;
        int full = 0;
        for (int i = 0; i < 160; i++) {
            var request = request(random);
            float[] query = model.embed(request.query());
            var lite = sqlite.search().similar(project, request, model.model(), query);
            var pg = postgres.search().similar(project, request, model.model(), query);
            assertThat(ranked(pg)).as("search by meaning %s", request).containsExactlyElementsOf(ranked(lite));
            severalHits += lite.hits().size() > 1 ? 1 : 0;
            full += lite.hits().size() == request.limit() ? 1 : 0;
        }
        assertThat(severalHits).as("searches with several hits").isGreaterThanOrEqualTo(140);
        assertThat(full).as("searches cut by their limit").isGreaterThanOrEqualTo(80);
    }

    @Test
    void everyHybridSearchGivesTheSameOrderedListOnBothBackends() {
        var model = LocalEmbedder.shared();
        var random = new Random(9);
        int withWords = 0;
        for (int i = 0; i < 60; i++) {
            var request = request(random);
            float[] query = model.embed(request.query());
            var lite = sqlite.search().hybrid(project, request, model.model(), query);
            var pg = postgres.search().hybrid(project, request, model.model(), query);
            assertThat(ranked(pg)).as("hybrid search %s", request).containsExactlyElementsOf(ranked(lite));
            withWords += sqlite.search().find(project, request).hits().isEmpty() ? 0 : 1;
        }
        assertThat(withWords).as("hybrid searches whose words matched too").isGreaterThanOrEqualTo(30);
    }
}
