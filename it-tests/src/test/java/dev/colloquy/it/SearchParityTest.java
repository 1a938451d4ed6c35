package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.NewConversation;
import dev.colloquy.it.contract.SearchContract;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same query over the same data finds the same set of messages on both databases. */
class SearchParityTest {

    private static final List<String> CORPUS = List.of(
            "The quick brown fox jumps over the lazy dog",
            "Install node.js 20 and run npm install --save-dev",
            "Café au lait, s'il vous plaît; CAFÉ crème, naïve façade",
            "C++ templates vs. C# generics vs. Go interfaces",
            "Contact user@example.com or visit https://example.com/docs?page=2",
            "Version 3.14.159 released on 2026-11-22 with 1e10 speedup",
            "日本語のテキストと English mixed 🦄 unicorn emoji",
            "مرحبا بالعالم والسلام عليكم",
            "שלום עולם ברוכים הבאים",
            "Ελληνικά κείμενα και ΚΕΦΑΛΑΙΑ γράμματα",
            "Straße and STRASSE and strasse differ in German casing",
            "İstanbul ıı Iİ Turkish dotted and dotless i",
            "well-known hyphenated-words and snake_case_names",
            "SELECT * FROM message; DROP TABLE conversation; --",
            "tabs\tand\nnewlines\r\nand   spaces",
            "e\u0301 composed é and ﬁ ligature and ① circled",
            "Applications, appliances and application servers",
            "numbers 123 456 7890 and 0x1F hex",
            "AND OR NOT NEAR are just words here",
            "\"quoted\" 'single' `backtick` (parens) [brackets] {braces}",
            "");

    private static final List<String> QUERIES = new ArrayList<>(List.of(
            "fox",
            "lazy dog",
            "\"lazy dog\"",
            "\"dog lazy\"",
            "quick -fox",
            "appl*",
            "applications",
            "node.js",
            "node",
            "npm install",
            "cafe",
            "CAFÉ",
            "naive facade",
            "C++",
            "C#",
            "go",
            "user@example.com",
            "example",
            "3.14",
            "3.14.159",
            "2026",
            "1e10",
            "日本語のテキストと",
            "unicorn",
            "مرحبا",
            "שלום",
            "ελληνικα",
            "κεφαλαια",
            "strasse",
            "straße",
            "istanbul",
            "well-known",
            "hyphenated",
            "snake_case_names",
            "snake",
            "drop table",
            "and",
            "near",
            "quoted",
            "single",
            "backtick",
            "tabs newlines",
            "fi ligature",
            "ﬁ",
            "1",
            "123",
            "0x1f",
            "e",
            "é",
            "-fox lazy",
            "\"brown fox\"*",
            "jum*",
            "the*",
            "parity",
            "title",
            "naive words",
            "\"the title\""));

    static {
        QUERIES.addAll(SearchContract.HOSTILE_QUERIES);
    }

    private static Database sqlite;
    private static Database postgres;
    private static Map<Database, UUID> projects = new HashMap<>();

    @BeforeAll
    static void load() {
        sqlite = Database.open(TestDatabases.fresh("sqlite"));
        postgres = Database.open(TestDatabases.fresh("postgres"));
        for (Database database : List.of(sqlite, postgres)) {
            UUID project = database.projects().create("parity").id();
            var conversation = database.conversations()
                    .create(project, NewConversation.titled("Parity: the title's words, naïve"));
            database.messages()
                    .append(
                            project,
                            conversation.id(),
                            CORPUS.stream()
                                    .map(text -> NewMessage.of("user", text))
                                    .toList());
            projects.put(database, project);
        }
    }

    @AfterAll
    static void close() {
        sqlite.close();
        postgres.close();
    }

    private static Set<Integer> hits(Database database, String query) {
        return database
                .search()
                .search(projects.get(database), SearchRequest.of(query).withLimit(1000))
                .stream()
                .map(hit -> hit.seq().orElse(0))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyQueryFindsTheSameMessagesOnBothBackends() {
        int withHits = 0;
        for (String query : QUERIES) {
            Set<Integer> lite = hits(sqlite, query);
            Set<Integer> pg = hits(postgres, query);
            assertThat(lite)
                    .as("query [%s]", query.length() > 50 ? query.substring(0, 50) + "..." : query)
                    .isEqualTo(pg);
            if (!lite.isEmpty()) {
                withHits++;
            }
        }
        assertThat(withHits).as("queries with at least one hit").isGreaterThanOrEqualTo(40);
    }

    @Test
    void foldingIsTheSameForCaseDiacriticsAndCompatibilityForms() {
        assertThat(hits(sqlite, "CAFE")).containsExactly(3).isEqualTo(hits(postgres, "cafe"));
        assertThat(hits(sqlite, "ﬁ")).isEqualTo(hits(postgres, "fi")).contains(16);
        assertThat(hits(sqlite, "①")).isEqualTo(hits(postgres, "1")).contains(16);
        assertThat(hits(sqlite, "ΚΕΙΜΕΝΑ")).containsExactly(10).isEqualTo(hits(postgres, "κείμενα"));
    }
}
