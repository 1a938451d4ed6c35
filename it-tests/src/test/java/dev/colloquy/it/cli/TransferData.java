package dev.colloquy.it.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.ConversationPatch;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Metadata;
import dev.colloquy.idempotency.Answer;
import dev.colloquy.idempotency.IdempotentRequest;
import dev.colloquy.message.ContentPart;
import dev.colloquy.message.MessageExtras;
import dev.colloquy.message.NewMessage;
import dev.colloquy.message.ToolCall;
import dev.colloquy.message.ToolResult;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchHit;
import dev.colloquy.search.SearchRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A data set with every feature the transfer must keep, made through the stores: two projects,
 * unicode and emoji everywhere, nested metadata with every JSON type, many tags, long and empty
 * content, admin, expiring, revoked and used tokens, a patched conversation, a replaced history,
 * conversations with keys, messages with names, parts, tool calls and tool results (some without
 * text), and more than 10,000 messages. Seeded, so every run makes the same shapes.
 */
final class TransferData {

    static final int CONVERSATIONS = 25;
    static final int MESSAGES_EACH = 420;
    static final List<String> WORDS = List.of(
            "alpha",
            "beta",
            "gamma",
            "delta",
            "epsilon",
            "quick",
            "brown",
            "fox",
            "naïve",
            "café",
            "Ünïcode",
            "東京",
            "données",
            "😀",
            "rocket🚀",
            "kenobi",
            "straße",
            "ΑΒΓ",
            "zeta",
            "theta");
    static final List<String> QUERIES = List.of(
            "alpha",
            "beta gamma",
            "\"quick brown\"",
            "delta -epsilon",
            "naive",
            "cafe",
            "unic*",
            "東京",
            "donnees",
            "kenobi -fox",
            "strasse",
            "zet*",
            "\"brown fox\" theta",
            "title",
            "héllo");

    private static final ObjectMapper JSON = new ObjectMapper();

    private TransferData() {}

    /** The content of the one message appended with an idempotency key. */
    static final String KEPT = "kept once ✓";

    static IdempotentRequest keptRequest(UUID tokenId) {
        return new IdempotentRequest(tokenId, "transfer-retry", "sha256:transfer-fixture");
    }

    /**
     * The answer the database keeps for the fixture's idempotency key, asked for as a retry would;
     * fails if the database runs the write again instead.
     */
    static Answer keptAnswer(Database db) {
        var token =
                db
                        .projects()
                        .findByName("default")
                        .map(project -> db.tokens().list(project.id()))
                        .orElseThrow()
                        .stream()
                        .filter(t -> t.name().equals("expiring"))
                        .findFirst()
                        .orElseThrow();
        return db.idempotency()
                .once(
                        keptRequest(token.id()),
                        Instant.EPOCH,
                        () -> {
                            throw new AssertionError("the kept answer was lost: the write ran again");
                        },
                        nothing -> null);
    }

    static void fill(Database db) {
        var random = new Random(20261122);
        var first = db.projects().create("default");
        var second = db.projects().create("second ünïcode ✨", false); // opted out of search by meaning
        db.tokens().issue(first.id(), "admin", true, Optional.empty());
        var expiring = db.tokens()
                .issue(first.id(), "expiring", false, Optional.of(Instant.parse("2031-05-06T07:08:09.123Z")));
        var revoked = db.tokens().issue(second.id(), "revoked ⛔", false, Optional.empty());
        db.tokens().revoke(revoked.token().id());
        db.tokens()
                .recordUse(Map.of(
                        expiring.token().id(),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5)));

        for (int c = 0; c < CONVERSATIONS; c++) {
            var project = c % 5 == 4 ? second : first;
            var tags = new ArrayList<String>();
            for (int t = 0; t < 1 + c % 14; t++) {
                tags.add(t % 3 == 0 ? "tag-" + t : "étiquette-" + t);
            }
            Optional<String> title = c % 7 == 3 ? Optional.empty() : Optional.of("Title " + c + " héllo wörld 🌍");
            Optional<String> key = c % 3 == 0 ? Optional.of("app:user-" + c + "~Z(%41)") : Optional.empty();
            var conversation =
                    db.conversations().create(project.id(), new NewConversation(key, title, metadata(random, c), tags));
            var messages = new ArrayList<NewMessage>();
            for (int m = 0; m < MESSAGES_EACH; m++) {
                String role = List.of("system", "user", "assistant", "tool").get(m % 4);
                String content = m % 97 == 5 ? "" : sentence(random, m % 211 == 7 ? 20_000 : 3 + random.nextInt(30));
                Metadata metadata = m % 3 == 0 ? metadata(random, m) : Metadata.EMPTY;
                messages.add(
                        m % 25 == 10 ? structured(random, role, m, metadata) : new NewMessage(role, content, metadata));
            }
            db.messages().append(project.id(), conversation.id(), messages);
            if (c == 1) {
                db.idempotency()
                        .once(
                                keptRequest(expiring.token().id()),
                                Instant.EPOCH,
                                () -> db.messages()
                                        .append(project.id(), conversation.id(), List.of(NewMessage.of("user", KEPT))),
                                stored -> Answer.of(
                                        conversation.id(),
                                        201,
                                        Optional.of("/v1/conversations/" + conversation.id()),
                                        "{\"content\":\"" + KEPT + "\"}"));
            }
            if (c == 2) {
                db.conversations()
                        .update(
                                project.id(),
                                conversation.id(),
                                ConversationPatch.none()
                                        .title(Optional.of("Renamed ✓"))
                                        .tags(List.of("renamed", "tag-0")));
            }
            if (c == 3) {
                db.messages()
                        .replace(
                                project.id(),
                                conversation.id(),
                                List.of(NewMessage.of("user", "replaced alpha"), NewMessage.of("assistant", "beta")));
                db.messages().append(project.id(), conversation.id(), messages.subList(0, 400));
            }
        }
    }

    /** A message with a name, parts, tool calls or tool results, and sometimes no text, by role. */
    static NewMessage structured(Random random, String role, int m, Metadata metadata) {
        return switch (role) {
            case "assistant" ->
                new NewMessage(
                        role,
                        m % 2 == 0 ? null : sentence(random, 4),
                        metadata,
                        new MessageExtras(
                                null,
                                List.of(),
                                List.of(
                                        new ToolCall("call-" + m, "function", "lookup", "{\"q\":\"café ✓\"}"),
                                        new ToolCall(null, null, "now", null)),
                                List.of()));
            case "tool" ->
                new NewMessage(
                        role,
                        null,
                        metadata,
                        new MessageExtras(
                                null,
                                List.of(),
                                List.of(),
                                List.of(new ToolResult("call-" + m, "lookup", sentence(random, 6), m % 2 == 0))));
            case "user" ->
                new NewMessage(
                        role,
                        null,
                        metadata,
                        new MessageExtras(
                                "ana ✨",
                                List.of(
                                        ContentPart.text(sentence(random, 5)),
                                        new ContentPart(
                                                "image",
                                                null,
                                                "https://example.com/cat.png?size=2",
                                                null,
                                                "image/png",
                                                null,
                                                null,
                                                "high"),
                                        new ContentPart(
                                                "file",
                                                null,
                                                null,
                                                "JVBERi0xLjQK",
                                                "application/pdf",
                                                "résumé.pdf",
                                                "f-1",
                                                null)),
                                List.of(),
                                List.of()));
            default ->
                new NewMessage(
                        role,
                        sentence(random, 3),
                        metadata,
                        new MessageExtras(
                                "setup",
                                List.of(new ContentPart(
                                        "reasoning", "thinking 🤔", null, null, null, null, null, null)),
                                List.of(),
                                List.of()));
        };
    }

    static Metadata metadata(Random random, int n) {
        var node = JSON.createObjectNode();
        node.put("n", n);
        node.put("ratio", n / 7.0);
        node.put("big", 10_000_000_000L + n);
        node.put("flag", n % 2 == 0);
        node.putNull("nothing");
        node.put("ключ", "значение 🔑");
        var nested = node.putObject("nested");
        nested.putArray("list").add(1).add("two").add(3.5).add(false).addNull();
        nested.putObject("deeper").put("word", WORDS.get(random.nextInt(WORDS.size())));
        return Metadata.of("metadata", node);
    }

    static String sentence(Random random, int words) {
        var text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(i % 11 == 0 ? ".\n" : " ");
            }
            text.append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return text.toString();
    }

    /**
     * Every query's hits in every conversation, as sets: what must be the same on every database.
     * Per conversation, so that no query reaches the page limit and ranking (which differs between
     * the databases) cannot choose which hits make the page.
     */
    static Map<String, Set<String>> searchSets(Database db) {
        var sets = new TreeMap<String, Set<String>>();
        for (var project : db.projects().list()) {
            for (var conversation : db.conversations()
                    .list(project.id(), ConversationFilter.all())
                    .items()) {
                for (String query : QUERIES) {
                    List<SearchHit> hits = db.search()
                            .search(
                                    project.id(),
                                    SearchRequest.of(query).withLimit(1000).inConversation(conversation.id()));
                    if (hits.size() >= 1000) {
                        throw new IllegalStateException(
                                "query '" + query + "' fills a page; the data set is too dense");
                    }
                    sets.put(
                            conversation.id() + " | " + query,
                            hits.stream()
                                    .map(h -> h.kind() + ":"
                                            + h.messageId()
                                                    .map(UUID::toString)
                                                    .orElse(h.conversationId().toString()))
                                    .collect(Collectors.toCollection(TreeSet::new)));
                }
            }
        }
        return sets;
    }
}
