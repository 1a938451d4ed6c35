package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Role;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.search.SearchResults;
import dev.colloquy.transfer.Copier;
import dev.colloquy.transfer.Progress;
import dev.colloquy.transfer.Side;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same data and the same search give the same ranked list on SQLite and PostgreSQL: the same
 * hits, in the same order, with the same scores to the bit, and the same {@code capped} flag. The
 * data (20,000 messages in 200 conversations, words drawn from a skewed vocabulary so that some
 * match thousands of messages and some a handful) is written to SQLite and copied to PostgreSQL,
 * so that both hold the same ids; then SQLite's rows of about a fifth of the messages are stored
 * again, in another order, so that its full-text index returns matches far from id order (as after
 * an import of older messages) and its search must read past them by their id ceilings. Then 240
 * generated searches (words, phrases, prefixes, exclusions; by tag, role and conversation; limits
 * 1 to 100) run on both.
 */
class SearchRankingParityTest {

    private static final int CONVERSATIONS = 200;
    private static final int MESSAGES_EACH = 100;
    private static final String[] SYLLABLES = {
        "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "da", "zu", "fe", "gi", "ho", "ju", "bé", "ça", "ny",
        "ol", "ex"
    };
    private static final List<String> TAGS = List.of("alpha", "beta", "gamma", "delta", "epsilon");

    private static final List<String> VOCABULARY = vocabulary();

    private static Database sqlite;
    private static Database postgres;
    private static UUID project;
    private static final List<UUID> conversations = new ArrayList<>();
    private static final List<String> texts = new ArrayList<>();

    private static List<String> vocabulary() {
        var words = new ArrayList<String>();
        for (int i = 0; i < 400; i++) {
            String word = SYLLABLES[i % SYLLABLES.length] + SYLLABLES[(i / SYLLABLES.length) % SYLLABLES.length];
            words.add(i % 37 == 0 ? word + (i % 10) : word);
        }
        return words;
    }

    /** A word, the first ones far more often than the last (about a fifth of all words are among the first 5). */
    private static String word(Random random) {
        double u = random.nextDouble();
        return VOCABULARY.get((int) (VOCABULARY.size() * u * u * u));
    }

    @BeforeAll
    static void load() throws SQLException {
        String sqliteUrl = TestDatabases.freshUrl("sqlite");
        sqlite = Database.open(TestDatabases.settings(sqliteUrl));
        project = sqlite.projects().create("ranking").id();
        var random = new Random(20261202);
        Role[] roles = {Role.USER, Role.ASSISTANT, Role.SYSTEM, Role.TOOL};
        for (int c = 0; c < CONVERSATIONS; c++) {
            var title = c % 3 == 0 ? word(random) + " " + word(random) + " notes" : null;
            var conversation = sqlite.conversations()
                    .create(
                            project,
                            (title == null ? NewConversation.empty() : NewConversation.titled(title))
                                    .withTags(TAGS.get(c % TAGS.size())));
            conversations.add(conversation.id());
            var batch = new ArrayList<NewMessage>();
            for (int m = 0; m < MESSAGES_EACH; m++) {
                int length = 3 + random.nextInt(38);
                var text = new StringBuilder();
                for (int w = 0; w < length; w++) {
                    text.append(w == 0 ? "" : random.nextInt(9) == 0 ? ", " : " ")
                            .append(word(random));
                }
                texts.add(text.toString());
                batch.add(NewMessage.of(roles[random.nextInt(roles.length)].wireName(), text.toString()));
            }
            sqlite.messages().append(project, conversation.id(), batch);
        }
        postgres = Database.open(TestDatabases.fresh("postgres"));
        var report = new Copier(new Copier.Options(false, false, 1000))
                .copy(Side.of(sqlite), Side.of(postgres), Progress.NONE);
        assertThat(report.succeeded()).as("copy to PostgreSQL").isTrue();
        storeAgainOutOfOrder(sqliteUrl.substring("sqlite:".length()));
    }

    /**
     * Deletes about a fifth of the messages' rows and inserts them again, by their random bits (the
     * ids' last bytes): the same data, at new rowids, with ids from the whole time range.
     */
    private static void storeAgainOutOfOrder(String file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
            statement.execute("PRAGMA foreign_keys = OFF"); // nothing that refers to a message is touched
            connection.setAutoCommit(false);
            statement.execute(
                    "CREATE TEMP TABLE moved AS SELECT * FROM message WHERE substr(hex(id), 32) IN ('0', '5', 'A')");
            statement.execute("DELETE FROM message WHERE id IN (SELECT id FROM moved)");
            statement.execute("INSERT INTO message SELECT * FROM moved ORDER BY substr(hex(id), 25)");
            connection.commit();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT count(*) FROM message WHERE id < id_ceiling AND rowid > (SELECT max(rowid) FROM message) - "
                            + "(SELECT count(*) FROM moved)")) {
                rows.next();
                assertThat(rows.getInt(1))
                        .as("messages stored again behind newer ones")
                        .isGreaterThan(3000);
            }
        }
        assertThat(sqlite.searchIndexConsistent()).isTrue();
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

    /** 240 searches of every shape, with filters and limits. */
    private static List<SearchRequest> searches() {
        var random = new Random(7);
        var searches = new ArrayList<SearchRequest>();
        for (int i = 0; i < 240; i++) {
            var request = SearchRequest.of(query(random, i)).withLimit(1 + random.nextInt(100));
            int filter = random.nextInt(8);
            if (filter == 0) {
                request = request.withRole(Role.parse("role", random.nextBoolean() ? "user" : "assistant"));
            } else if (filter == 1) {
                request = request.withTag(TAGS.get(random.nextInt(TAGS.size())));
            } else if (filter == 2) {
                request = request.inConversation(conversations.get(random.nextInt(conversations.size())));
            }
            searches.add(request);
        }
        return searches;
    }

    /** A query of the shape {@code i % 8}: words, phrases, prefixes, exclusions, from the stored texts. */
    private static String query(Random random, int i) {
        String[] words =
                texts.get(random.nextInt(texts.size())).replace(",", "").split(" ");
        String a = words[random.nextInt(words.length)];
        return switch (i % 8) {
            case 0, 1 -> word(random);
            case 2 -> word(random) + " " + word(random);
            case 3 -> {
                int at = random.nextInt(words.length);
                yield at + 1 < words.length ? "\"" + words[at] + " " + words[at + 1] + "\"" : a;
            }
            case 4 -> a.substring(0, Math.min(a.length(), 2 + random.nextInt(2))) + "*";
            case 5 -> a + " -" + word(random);
            case 6 -> a + " " + word(random) + " " + word(random);
            default -> "\"" + a + " " + words[0].substring(0, 1) + "\"*";
        };
    }

    /** What must be equal: each hit's kind, id and score (to the bit), in order, and the flag. */
    private static List<String> ranked(SearchResults results) {
        var rows = new ArrayList<String>();
        for (var hit : results.hits()) {
            rows.add(hit.kind() + " " + hit.messageId().orElse(hit.conversationId()) + " "
                    + Long.toHexString(Double.doubleToRawLongBits(hit.score())));
        }
        rows.add("capped=" + results.capped());
        return rows;
    }

    @Test
    void everySearchGivesTheSameRankedListOnBothBackends() {
        int withHits = 0;
        int severalHits = 0;
        int capped = 0;
        for (SearchRequest request : searches()) {
            var lite = sqlite.search().find(project, request);
            var pg = postgres.search().find(project, request);
            assertThat(ranked(pg)).as("search %s", request).containsExactlyElementsOf(ranked(lite));
            withHits += lite.hits().isEmpty() ? 0 : 1;
            severalHits += lite.hits().size() > 1 ? 1 : 0;
            capped += lite.capped() ? 1 : 0;
        }
        // The generated searches really exercise ranking, the limits and the bound.
        assertThat(withHits).as("searches with hits").isGreaterThanOrEqualTo(200);
        assertThat(severalHits).as("searches with several hits").isGreaterThanOrEqualTo(150);
        assertThat(capped)
                .as("searches that matched more than the newest ranked")
                .isGreaterThanOrEqualTo(10);
    }

    /**
     * A search within one conversation, where Colloquy matches the conversation's texts itself,
     * finds exactly the messages the databases' full-text indexes find there: the search of the
     * whole project narrowed to that conversation's hits, in the same order with the same scores,
     * on each backend (compared where the whole project's search ranked every match).
     */
    @Test
    void aSearchWithinAConversationFindsWhatTheFullTextIndexFindsThere() {
        for (Database database : List.of(sqlite, postgres)) {
            var random = new Random(11);
            int compared = 0;
            int withHits = 0;
            for (int i = 0; i < 400; i++) {
                String query = query(random, i);
                var whole =
                        database.search().find(project, SearchRequest.of(query).withLimit(1000));
                if (whole.capped() || whole.hits().size() == 1000) {
                    continue;
                }
                UUID conversation = whole.hits().isEmpty() || random.nextInt(4) == 0
                        ? conversations.get(random.nextInt(conversations.size()))
                        : whole.hits().get(random.nextInt(whole.hits().size())).conversationId();
                var expected = new ArrayList<String>();
                for (var hit : whole.hits()) {
                    if (hit.conversationId().equals(conversation)) {
                        expected.add(hit.kind() + " " + hit.messageId().orElse(conversation) + " "
                                + Long.toHexString(Double.doubleToRawLongBits(hit.score())));
                    }
                }
                expected.add("capped=false");
                var within = database.search()
                        .find(
                                project,
                                SearchRequest.of(query)
                                        .inConversation(conversation)
                                        .withLimit(1000));
                assertThat(ranked(within))
                        .as("search %s within %s", query, conversation)
                        .containsExactlyElementsOf(expected);
                compared++;
                withHits += expected.size() > 1 ? 1 : 0;
            }
            assertThat(compared).as("searches compared").isGreaterThanOrEqualTo(150);
            assertThat(withHits).as("searches compared with hits").isGreaterThanOrEqualTo(100);
        }
    }
}
