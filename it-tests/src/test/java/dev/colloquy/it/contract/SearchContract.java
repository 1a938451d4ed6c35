package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.ConversationPatch;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Role;
import dev.colloquy.message.History;
import dev.colloquy.message.Message;
import dev.colloquy.message.NewMessage;
import dev.colloquy.search.Ranking;
import dev.colloquy.search.SearchHit;
import dev.colloquy.search.SearchQuery;
import dev.colloquy.search.SearchRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

public interface SearchContract extends ContractSupport {

    /** Hostile inputs: each must run without error on every backend. */
    List<String> HOSTILE_QUERIES = List.of(
            "foo\"",
            "\"",
            "\"\"",
            "\"unterminated phrase",
            "node.js",
            "-bar",
            "--bar",
            "-",
            "- -",
            "C++",
            "AND",
            "OR",
            "NOT",
            "a AND b OR c NOT d",
            "NEAR(a b)",
            "NEAR(",
            "a:b",
            "title:foo",
            "'; DROP TABLE message; --",
            "\\",
            "\\\\'",
            "*",
            "**",
            "a*b",
            "*prefix",
            "foo*",
            "(",
            ")",
            "((a)",
            "{a}",
            "[a]",
            "^a",
            "a|b",
            "a & !b",
            "<->",
            "'a':*",
            "",
            "   ",
            "\t\n",
            "x".repeat(4096),
            "word ".repeat(800),
            "🦄🦄",
            "🦄 unicorn",
            "مرحبا بالعالم",
            "שלום",
            "日本語のテキスト",
            "Ünïcödé",
            "e\u0301",
            "\u200b",
            "\uFEFFbom",
            "%_",
            "$1",
            "?",
            "null",
            "NaN",
            "0x41",
            "1e10",
            "3.14",
            "user@example.com",
            "https://example.com/a?b=c",
            "a-b-c",
            "___");

    private UUID corpus(UUID project) {
        var conversation = database()
                .conversations()
                .create(project, NewConversation.titled("corpus").withTags("zoo"));
        database()
                .messages()
                .append(
                        project,
                        conversation.id(),
                        List.of(
                                NewMessage.of("user", "The quick brown fox jumps over the lazy dog"),
                                NewMessage.of("assistant", "A lazy afternoon with a brown bear"),
                                NewMessage.of("user", "Install node.js and run npm install"),
                                NewMessage.of("assistant", "Café au lait, s'il vous plaît: CAFÉ crème"),
                                NewMessage.of("tool", "{\"result\": \"application started on port 8080\"}"),
                                NewMessage.of("user", "Applications and appliances are different things"),
                                NewMessage.of("system", "C++ and C# are languages; so is Go")));
        return conversation.id();
    }

    private Set<Integer> seqs(UUID project, SearchRequest request) {
        return database().search().search(project, request).stream()
                .map(hit -> hit.seq().orElse(0))
                .collect(Collectors.toSet());
    }

    @Test
    default void allWordsMustMatch() {
        UUID project = newProject();
        corpus(project);

        assertThat(seqs(project, SearchRequest.of("lazy"))).containsExactlyInAnyOrder(1, 2);
        assertThat(seqs(project, SearchRequest.of("lazy brown fox"))).containsExactlyInAnyOrder(1);
        assertThat(seqs(project, SearchRequest.of("LAZY Bear"))).containsExactlyInAnyOrder(2);
        assertThat(seqs(project, SearchRequest.of("lazy zeppelin"))).isEmpty();
    }

    @Test
    default void quotedPhrasesMatchAdjacentWordsOnly() {
        UUID project = newProject();
        corpus(project);

        assertThat(seqs(project, SearchRequest.of("\"brown fox\""))).containsExactlyInAnyOrder(1);
        assertThat(seqs(project, SearchRequest.of("\"fox brown\""))).isEmpty();
        assertThat(seqs(project, SearchRequest.of("\"lazy dog\" quick"))).containsExactlyInAnyOrder(1);
    }

    @Test
    default void excludedWordsRemoveHits() {
        UUID project = newProject();
        corpus(project);

        assertThat(seqs(project, SearchRequest.of("lazy -fox"))).containsExactlyInAnyOrder(2);
        assertThat(seqs(project, SearchRequest.of("brown -\"brown bear\""))).containsExactlyInAnyOrder(1);
        assertThat(seqs(project, SearchRequest.of("-lazy"))).isEmpty();
    }

    @Test
    default void trailingStarMatchesPrefixes() {
        UUID project = newProject();
        corpus(project);

        assertThat(seqs(project, SearchRequest.of("appl*"))).containsExactlyInAnyOrder(5, 6);
        assertThat(seqs(project, SearchRequest.of("application"))).containsExactlyInAnyOrder(5);
        assertThat(seqs(project, SearchRequest.of("\"lazy af\"*"))).containsExactlyInAnyOrder(2);
    }

    @Test
    default void caseDiacriticsAndPunctuationAreFolded() {
        UUID project = newProject();
        corpus(project);

        assertThat(seqs(project, SearchRequest.of("cafe"))).containsExactlyInAnyOrder(4);
        assertThat(seqs(project, SearchRequest.of("CAFÉ CRÈME"))).containsExactlyInAnyOrder(4);
        assertThat(seqs(project, SearchRequest.of("node.js"))).containsExactlyInAnyOrder(3);
        assertThat(seqs(project, SearchRequest.of("\"node js\""))).containsExactlyInAnyOrder(3);
        assertThat(seqs(project, SearchRequest.of("C++"))).containsExactlyInAnyOrder(7);
        assertThat(seqs(project, SearchRequest.of("8080"))).containsExactlyInAnyOrder(5);
    }

    @Test
    default void filtersNarrowByTagRoleAndConversation() {
        UUID project = newProject();
        UUID zoo = corpus(project);
        var other = database()
                .conversations()
                .create(project, NewConversation.empty().withTags("farm"));
        append(project, other.id(), "a lazy cow");

        assertThat(database().search().search(project, SearchRequest.of("lazy")))
                .hasSize(3);
        assertThat(database().search().search(project, SearchRequest.of("lazy").withTag("ZOO")))
                .extracting(SearchHit::conversationId)
                .containsOnly(zoo);
        assertThat(database().search().search(project, SearchRequest.of("lazy").withTag("farm")))
                .extracting(SearchHit::conversationId)
                .containsExactly(other.id());
        assertThat(database().search().search(project, SearchRequest.of("lazy").withRole(Role.ASSISTANT)))
                .extracting(hit -> hit.seq().orElseThrow())
                .containsExactly(2);
        assertThat(database().search().search(project, SearchRequest.of("lazy").inConversation(other.id())))
                .extracting(SearchHit::conversationId)
                .containsExactly(other.id());
        assertThatThrownBy(() -> database()
                        .search()
                        .search(project, SearchRequest.of("lazy").inConversation(UUID.randomUUID())))
                .as("a search within a conversation that does not exist is not found, as on every route")
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    default void withinOneConversationTheQueriesMatchAsAcrossTheProject() {
        UUID project = newProject();
        UUID zoo = corpus(project);
        var other = database().conversations().create(project, NewConversation.empty());
        append(project, other.id(), "a lazy brown cow applauds the quick fox");

        // Within one conversation Colloquy matches the messages' words itself, after the database
        // has left out those without the query's longest word: both must find what the full-text
        // index finds.
        for (String query : List.of(
                "lazy",
                "lazy brown fox",
                "LAZY Bear",
                "lazy zeppelin",
                "\"brown fox\"",
                "\"fox brown\"",
                "\"lazy dog\" quick",
                "lazy -fox",
                "lazy -afternoon",
                "brown -\"brown bear\"",
                "appl*",
                "on appl*",
                "application",
                "\"lazy af\"*",
                "cafe",
                "CAFÉ CRÈME",
                "crème caf*",
                "node.js",
                "\"node js\"",
                "C++",
                "8080",
                "8080 port")) {
            assertThat(seqs(project, SearchRequest.of(query).inConversation(zoo)))
                    .as(query)
                    .isEqualTo(seqs(project, SearchRequest.of(query).withTag("zoo")));
        }
        assertThat(seqs(project, SearchRequest.of("lazy -afternoon").inConversation(zoo)))
                .containsExactlyInAnyOrder(1);
    }

    @Test
    default void hitsCarryTheMessageASnippetAndARankBestFirst() {
        UUID project = newProject();
        var conversation = newConversation(project);
        List<Message> stored = database()
                .messages()
                .append(
                        project,
                        conversation.id(),
                        List.of(
                                NewMessage.of("user", "kiwi"),
                                NewMessage.of(
                                        "user", "kiwi kiwi kiwi, and more kiwi " + "filler ".repeat(40) + "end")));

        var hits = database().search().search(project, SearchRequest.of("kiwi"));

        assertThat(hits).hasSize(2);
        Map<UUID, Message> byId = new HashMap<>();
        stored.forEach(m -> byId.put(m.id(), m));
        for (SearchHit hit : hits) {
            Message message = byId.get(hit.messageId().orElseThrow());
            assertThat(hit.kind()).isEqualTo(SearchHit.Kind.MESSAGE);
            assertThat(hit.conversationId()).isEqualTo(conversation.id());
            assertThat(hit.seq()).contains(message.seq());
            assertThat(hit.role()).contains(Role.USER);
            assertThat(hit.createdAt()).isEqualTo(message.createdAt());
            assertThat(hit.snippet()).contains("kiwi").hasSizeLessThanOrEqualTo(210);
        }
        assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score());
        assertThat(database().search().search(project, SearchRequest.of("kiwi").withLimit(1)))
                .hasSize(1);
    }

    /** The ids of the hits, best first. */
    private List<UUID> ranked(UUID project, SearchRequest request) {
        return database().search().search(project, request).stream()
                .map(hit -> hit.messageId().orElse(hit.conversationId()))
                .toList();
    }

    @Test
    default void moreOccurrencesRankHigherAtEqualLength() {
        UUID project = newProject();
        var stored = append(project, newConversation(project).id(), "kiwi mango papaya", "kiwi kiwi mango");
        assertThat(ranked(project, SearchRequest.of("kiwi")))
                .containsExactly(stored.get(1).id(), stored.get(0).id());
    }

    @Test
    default void aShorterTextRanksHigherWithTheSameOccurrences() {
        UUID project = newProject();
        var stored = append(
                project,
                newConversation(project).id(),
                "kiwi mango",
                "kiwi mango papaya guava melon lime lemon fig date plum pear apple peach cherry grape",
                "kiwi mango papaya");
        assertThat(ranked(project, SearchRequest.of("kiwi")))
                .containsExactly(
                        stored.get(0).id(), stored.get(2).id(), stored.get(1).id());
    }

    @Test
    default void termsSideBySideRankAboveTermsApart() {
        UUID project = newProject();
        var stored = append(
                project,
                newConversation(project).id(),
                "lazy cat and a dog",
                "the dog is lazy now",
                "now the lazy dog is");
        // Same words, same length: the adjacent pair first, then the nearer.
        assertThat(ranked(project, SearchRequest.of("lazy dog")))
                .containsExactly(
                        stored.get(2).id(), stored.get(1).id(), stored.get(0).id());
        var scores = database().search().search(project, SearchRequest.of("lazy dog")).stream()
                .map(SearchHit::score)
                .toList();
        assertThat(scores.get(0)).isGreaterThan(scores.get(1));
        assertThat(scores.get(1)).isGreaterThan(scores.get(2));
    }

    @Test
    default void equalScoresComeNewestFirstAndTheScoreIsColloquys() {
        UUID project = newProject();
        var conversation = newConversation(project);
        var first = append(project, conversation.id(), "walrus on the ice").get(0);
        var second = append(project, conversation.id(), "walrus on the ice").get(0);
        var third = append(project, conversation.id(), "walrus on the ice").get(0);
        var hits = database().search().search(project, SearchRequest.of("walrus"));
        assertThat(hits)
                .extracting(hit -> hit.messageId().orElseThrow())
                .containsExactly(third.id(), second.id(), first.id());
        assertThat(hits)
                .extracting(SearchHit::score)
                .containsOnly(Ranking.score(SearchQuery.parse("walrus"), "walrus on the ice"));
    }

    @Test
    default void aTitleAndAMessageAreRankedByTheSameScore() {
        UUID project = newProject();
        var titled = database().conversations().create(project, NewConversation.titled("otter"));
        var message = append(project, titled.id(), "an otter swam past the boats in the harbour")
                .get(0);
        var results = database().search().find(project, SearchRequest.of("otter"));
        assertThat(results.capped()).isFalse();
        assertThat(results.hits())
                .extracting(SearchHit::kind)
                .containsExactly(SearchHit.Kind.TITLE, SearchHit.Kind.MESSAGE);
        assertThat(results.hits().get(1).messageId()).contains(message.id());
        assertThat(results.hits().get(0).score()).isEqualTo(Ranking.score(SearchQuery.parse("otter"), "otter"));
    }

    @Test
    default void onlyTheNewestMatchesAreRankedAndTheAnswerSaysSo() {
        UUID project = newProject();
        var conversation = newConversation(project);
        // The oldest match would score best, but it is not among the newest CANDIDATES.
        var oldest = append(project, conversation.id(), "heron heron heron").get(0);
        var rest = new ArrayList<NewMessage>();
        for (int i = 0; i < Ranking.CANDIDATES; i++) {
            rest.add(NewMessage.of("user", "a heron stood in the reeds number " + i));
        }
        for (int from = 0; from < rest.size(); from += 100) {
            database().messages().append(project, conversation.id(), rest.subList(from, from + 100));
        }
        var capped = database().search().find(project, SearchRequest.of("heron").withLimit(1000));
        assertThat(capped.capped()).isTrue();
        assertThat(capped.hits()).hasSize(Ranking.CANDIDATES);
        assertThat(capped.hits())
                .extracting(hit -> hit.messageId().orElseThrow())
                .doesNotContain(oldest.id());
        // Narrowed so that fewer match, the oldest is ranked again, and first.
        var narrowed = database().search().find(project, SearchRequest.of("heron -reeds"));
        assertThat(narrowed.capped()).isFalse();
        assertThat(narrowed.hits())
                .extracting(hit -> hit.messageId().orElseThrow())
                .containsExactly(oldest.id());
    }

    @Test
    default void searchNarrowsToATimeRangeAndToMessageMetadata() {
        UUID project = newProject();
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        List<Message> stored = new ArrayList<>();
        Conversation titled;
        try (var pin = clock().pin(start)) {
            titled = database().conversations().create(project, NewConversation.titled("puffin log"));
            stored.addAll(database()
                    .messages()
                    .append(
                            project,
                            titled.id(),
                            List.of(
                                    new NewMessage(
                                            "user",
                                            "puffin one",
                                            Metadata.parse("m", "{\"source\":\"slack\",\"n\":1}")),
                                    NewMessage.of("user", "puffin two"))));
        }
        try (var pin = clock().pin(start.plusSeconds(3600))) {
            stored.addAll(database()
                    .messages()
                    .append(
                            project,
                            titled.id(),
                            List.of(
                                    new NewMessage(
                                            "assistant",
                                            "puffin three",
                                            Metadata.parse("m", "{\"source\":\"email\",\"ok\":true}")),
                                    new NewMessage(
                                            "user",
                                            "puffin four",
                                            Metadata.parse("m", "{\"source\":\"slack\",\"n\":1.5}")))));
        }
        SearchRequest puffin = SearchRequest.of("puffin");
        assertThat(ranked(project, puffin)).hasSize(5);
        // since is inclusive, until exclusive; a title counts by its conversation's creation.
        assertThat(ranked(project, puffin.since(start.plusSeconds(3600))))
                .containsExactlyInAnyOrder(stored.get(2).id(), stored.get(3).id());
        assertThat(ranked(project, puffin.until(start.plusSeconds(3600))))
                .containsExactlyInAnyOrder(
                        titled.id(), stored.get(0).id(), stored.get(1).id());
        assertThat(ranked(project, puffin.since(start.plusSeconds(1)).until(start.plusSeconds(3600))))
                .isEmpty();
        // Message metadata, with the listing's rules; no titles then.
        assertThat(ranked(project, puffin.withMetadata("source", "slack")))
                .containsExactlyInAnyOrder(stored.get(0).id(), stored.get(3).id());
        assertThat(ranked(project, puffin.withMetadata("source", "slack").withMetadata("n", "1")))
                .containsExactly(stored.get(0).id());
        assertThat(ranked(project, puffin.withMetadata("n", "1.5")))
                .containsExactly(stored.get(3).id());
        assertThat(ranked(project, puffin.withMetadata("ok", "true")))
                .containsExactly(stored.get(2).id());
        assertThat(ranked(project, puffin.withMetadata("source", "sms"))).isEmpty();
        assertThat(ranked(project, puffin.withMetadata("source", "email").since(start.plusSeconds(3600))))
                .containsExactly(stored.get(2).id());
        assertThatThrownBy(() -> database().search().search(project, puffin.withMetadata("bad key!", "x")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(
                        () -> database().search().search(project, puffin.since(Instant.parse("0000-01-01T00:00:00Z"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("since");
    }

    @Test
    default void hostileQueriesNeverFail() {
        UUID project = newProject();
        corpus(project);
        var conversation = newConversation(project);
        append(project, conversation.id(), "🦄 unicorn in مرحبا and 日本語のテキスト with user@example.com and e\u0301");

        for (String query : HOSTILE_QUERIES) {
            assertThatCode(() -> database().search().search(project, SearchRequest.of(query)))
                    .as("query %s", query.length() > 40 ? query.substring(0, 40) + "..." : query)
                    .doesNotThrowAnyException();
        }
        assertThat(seqs(project, SearchRequest.of("'; DROP TABLE message; --"))).isEmpty();
        assertThat(seqs(project, SearchRequest.of("-bar"))).isEmpty();
        assertThat(seqs(project, SearchRequest.of("🦄 unicorn"))).containsExactly(1);
        assertThat(seqs(project, SearchRequest.of("user@example.com"))).containsExactly(1);
        assertThat(seqs(project, SearchRequest.of("\"unicorn in\""))).containsExactly(1);
        assertThat(database().messages().history(project, conversation.id(), History.last(1)))
                .hasSize(1);
    }

    @Test
    default void titlesAreSearchedAndFollowRenamesAndDeletes() {
        UUID project = newProject();
        var budget = database()
                .conversations()
                .create(
                        project,
                        NewConversation.titled("Quarterly Budget Review").withTags("fin"));
        append(project, budget.id(), "numbers look fine");
        var untitled = newConversation(project);
        append(project, untitled.id(), "the budget is tight");

        var hits = database().search().search(project, SearchRequest.of("budget"));

        assertThat(hits).hasSize(2);
        var title = hits.stream()
                .filter(h -> h.kind() == SearchHit.Kind.TITLE)
                .findFirst()
                .orElseThrow();
        assertThat(title.conversationId()).isEqualTo(budget.id());
        assertThat(title.messageId()).isEmpty();
        assertThat(title.seq()).isEmpty();
        assertThat(title.role()).isEmpty();
        assertThat(title.snippet()).isEqualTo("Quarterly Budget Review");
        assertThat(title.createdAt()).isEqualTo(budget.createdAt());
        assertThat(database().search().search(project, SearchRequest.of("\"quarterly budget\"")))
                .extracting(SearchHit::kind)
                .containsExactly(SearchHit.Kind.TITLE);
        assertThat(database()
                        .search()
                        .search(project, SearchRequest.of("budget").withRole(Role.USER)))
                .extracting(SearchHit::kind)
                .containsExactly(SearchHit.Kind.MESSAGE);
        assertThat(database()
                        .search()
                        .search(project, SearchRequest.of("budget").withTag("fin")))
                .extracting(SearchHit::kind)
                .containsExactly(SearchHit.Kind.TITLE);
        assertThat(database()
                        .search()
                        .search(project, SearchRequest.of("review").withTag("fin")))
                .extracting(SearchHit::conversationId)
                .containsExactly(budget.id());
        assertThat(database()
                        .search()
                        .search(project, SearchRequest.of("review").inConversation(untitled.id())))
                .isEmpty();

        database()
                .conversations()
                .update(project, budget.id(), ConversationPatch.none().title(Optional.of("Annual plan")));
        assertThat(database().search().search(project, SearchRequest.of("quarterly")))
                .isEmpty();
        assertThat(database().search().search(project, SearchRequest.of("annual")))
                .extracting(SearchHit::conversationId)
                .containsExactly(budget.id());
        database().conversations().delete(project, budget.id());
        assertThat(database().search().search(project, SearchRequest.of("annual")))
                .isEmpty();
        assertThat(database().searchIndexConsistent()).isTrue();
    }

    @Test
    default void searchNeverCrossesProjects() {
        UUID mine = newProject();
        UUID theirs = newProject();
        corpus(theirs);

        assertThat(database().search().search(mine, SearchRequest.of("lazy"))).isEmpty();
        assertThat(database().search().search(theirs, SearchRequest.of("lazy"))).hasSize(2);
    }
}
