package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.client.ColloquyClient;
import dev.colloquy.client.ColloquyProblemException;
import dev.colloquy.client.ContentPart;
import dev.colloquy.client.Conversation;
import dev.colloquy.client.ConversationPatch;
import dev.colloquy.client.ConversationQuery;
import dev.colloquy.client.HistoryQuery;
import dev.colloquy.client.Message;
import dev.colloquy.client.NewConversation;
import dev.colloquy.client.NewMessage;
import dev.colloquy.client.Role;
import dev.colloquy.client.SearchQuery;
import dev.colloquy.client.ToolCall;
import dev.colloquy.client.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Java client against the real server: every route it wraps, and its reading of problems. */
public interface ClientContract extends ApiContract {

    default ColloquyClient client(String token) {
        return ColloquyClient.builder(api().base()).token(token).build();
    }

    @Test
    default void theClientKeepsAConversationByKey() {
        var client = client(projectToken());
        String key = "memory/" + UUID.randomUUID() + " é"; // not a key as is: the caller maps it
        String mapped = key.replace("/", "%2F").replace(" ", "%20").replace("é", "%C3%A9");

        assertThat(client.findByKey(mapped)).isEmpty();
        assertThat(client.messagesByKey(mapped)).isEmpty();
        assertThat(client.historyByKey(mapped, HistoryQuery.last(5))).isEmpty();

        var stored = client.replaceByKey(mapped, List.of(NewMessage.system("be brief"), NewMessage.user("hi")));
        assertThat(stored).extracting(Message::seq).containsExactly(1, 2);
        client.appendByKey(mapped, List.of(NewMessage.assistant("hello")));
        assertThat(client.messagesByKey(mapped))
                .extracting(Message::content)
                .containsExactly("be brief", "hi", "hello");
        assertThat(client.historyByKey(mapped, HistoryQuery.last(1)))
                .extracting(Message::content)
                .containsExactly("hello");
        Conversation conversation = client.findByKey(mapped).orElseThrow();
        assertThat(conversation.key()).isEqualTo(mapped);
        assertThat(conversation.messageCount()).isEqualTo(3);
        assertThat(client.messages(conversation.id())).hasSize(3);

        assertThat(client.replaceByKey(mapped, List.of())).isEmpty();
        assertThat(client.messagesByKey(mapped)).isEmpty();
        assertThat(client.findByKey(mapped)).map(Conversation::id).contains(conversation.id());

        client.deleteByKey(mapped);
        client.deleteByKey(mapped);
        assertThat(client.findByKey(mapped)).isEmpty();
    }

    @Test
    default void frameworkMessagesRoundTripThroughTheClient() {
        var client = client(projectToken());
        var sent = List.of(
                new NewMessage(Role.SYSTEM, "setup", "be brief", null, null, null, Map.of("v", 2)),
                new NewMessage(
                        Role.USER,
                        "ana",
                        null,
                        List.of(
                                ContentPart.text("look"),
                                ContentPart.url("image", "https://example.com/a.png", "image/png"),
                                ContentPart.data("file", "JVBERi0xLjQK", "application/pdf")),
                        null,
                        null,
                        Map.of("lang", "fr", "nested", Map.of("list", List.of(1, "two", true)))),
                new NewMessage(
                        Role.ASSISTANT,
                        null,
                        null,
                        null,
                        List.of(
                                new ToolCall("call-1", "function", "weather", "{\"city\":\"Paris\"}"),
                                new ToolCall(null, null, "clock", null)),
                        null,
                        null),
                new NewMessage(
                        Role.TOOL,
                        null,
                        null,
                        null,
                        null,
                        List.of(
                                new ToolResult("call-1", "weather", "sunny", false),
                                new ToolResult(null, null, null, null)),
                        null),
                new NewMessage(Role.ASSISTANT, null, "", List.of(ContentPart.reasoning("hmm")), null, null, null));

        client.appendByKey("fidelity", sent);
        List<Message> read = client.messagesByKey("fidelity");

        assertThat(read).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            var message = read.get(i);
            var expected = sent.get(i);
            assertThat(message.role()).isEqualTo(expected.role());
            assertThat(message.name()).isEqualTo(expected.name());
            assertThat(message.content()).as("content %d", i).isEqualTo(expected.content());
            assertThat(message.parts()).isEqualTo(expected.parts());
            assertThat(message.toolCalls()).isEqualTo(expected.toolCalls());
            assertThat(message.toolResults()).isEqualTo(expected.toolResults());
            assertThat(message.metadata()).isEqualTo(expected.metadata());
        }
    }

    @Test
    default void longHistoriesAreReadWholeAcrossPages() {
        var client = client(projectToken());
        for (int batch = 0; batch < 3; batch++) {
            int first = batch * 900;
            client.appendByKey(
                    "long",
                    IntStream.range(first, first + 900)
                            .mapToObj(i -> NewMessage.user("m" + i))
                            .toList());
        }
        List<Message> all = client.messagesByKey("long");
        assertThat(all).hasSize(2700);
        assertThat(all)
                .extracting(Message::seq)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 2700).boxed().toList());
        assertThat(all.get(2699).content()).isEqualTo("m2699");
    }

    @Test
    default void concurrentFirstAppendsThroughTheClientMakeOneConversation() throws Exception {
        var client = client(projectToken());
        int threads = 16;
        var pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<List<Message>>>();
            for (int t = 0; t < threads; t++) {
                var message = NewMessage.user("thread " + t);
                futures.add(pool.submit(() -> {
                    start.await();
                    return client.appendByKey("shared", List.of(message));
                }));
            }
            start.countDown();
            Set<UUID> ids = new TreeSet<>();
            for (var future : futures) {
                ids.add(future.get().get(0).conversationId());
            }
            assertThat(ids).hasSize(1);
            assertThat(client.messagesByKey("shared")).hasSize(threads);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void conversationsSearchTagsAndAdminRoutesWorkThroughTheClient() {
        var admin = client(admin());
        var project = admin.createProject("client-" + UUID.randomUUID());
        var issued = admin.createToken(project.id(), "client", false, null);
        assertThat(issued.secret()).startsWith("cq_");
        assertThat(issued.toString()).doesNotContain(issued.secret());
        assertThat(admin.tokens(project.id())).extracting(t -> t.name()).containsExactly("client");
        assertThat(admin.projects()).extracting(p -> p.id()).contains(project.id());

        var client = client(issued.secret());
        for (int i = 0; i < 5; i++) {
            client.createConversation(new NewConversation(null, "c" + i, Map.of("n", i), List.of("t" + (i % 2))));
        }
        var keyed = client.createConversation(new NewConversation("k1", "keyed", null, List.of("t0")));
        assertThat(keyed.key()).isEqualTo("k1");
        var titles = new ArrayList<String>();
        client.conversations(ConversationQuery.all().withLimit(2)).forEach(c -> titles.add(c.title()));
        assertThat(titles).containsExactlyInAnyOrder("c0", "c1", "c2", "c3", "c4", "keyed");
        assertThat(client.listConversations(ConversationQuery.all().withTag("t1"), null)
                        .items())
                .hasSize(2);
        assertThat(client.listConversations(ConversationQuery.all().withMetadata("n", "3"), null)
                        .items())
                .extracting(Conversation::title)
                .containsExactly("c3");
        var renamed = client.updateConversation(
                keyed.id(), ConversationPatch.none().title("renamed").key("k2"));
        assertThat(renamed.key()).isEqualTo("k2");
        assertThat(client.listKeyed(10, null).items())
                .extracting(Conversation::key)
                .containsExactly("k2");
        assertThat(client.tags())
                .extracting(t -> t.name() + "=" + t.conversations())
                .containsExactly("t0=4", "t1=2");

        client.append(keyed.id(), List.of(NewMessage.user("the quick brown fox")));
        var results = client.search(SearchQuery.of("quick fox").withRole(Role.USER));
        assertThat(results.items()).singleElement().satisfies(hit -> {
            assertThat(hit.conversationId()).isEqualTo(keyed.id());
            assertThat(hit.snippet()).contains("quick");
        });
        assertThat(results.capped()).isFalse();

        assertThatThrownBy(() -> client.appendByKey("bad;key", List.of(NewMessage.user("x"))))
                .isInstanceOfSatisfying(ColloquyProblemException.BadRequestException.class, e -> {
                    assertThat(e.type()).isEqualTo("urn:colloquy:problem:validation");
                    assertThat(e.detail()).contains("key");
                });
        assertThatThrownBy(() -> client.append(
                        keyed.id(), List.of(new NewMessage(Role.USER, null, null, null, null, null, null))))
                .isInstanceOfSatisfying(
                        ColloquyProblemException.BadRequestException.class,
                        e -> assertThat(e.detail()).contains("messages[0].content"));
        assertThatThrownBy(() -> client.createConversation(new NewConversation("k2", null, null, null)))
                .isInstanceOf(ColloquyProblemException.ConflictException.class);
        assertThatThrownBy(() -> client.getConversation(UUID.randomUUID()))
                .isInstanceOf(ColloquyProblemException.NotFoundException.class);

        client.deleteConversation(keyed.id());
        assertThatThrownBy(() -> client.getConversation(keyed.id()))
                .isInstanceOf(ColloquyProblemException.NotFoundException.class);
        assertThat(client.live().up()).isTrue();
        assertThat(client.ready().up()).isTrue();

        admin.revokeToken(issued.token().id());
        assertThatThrownBy(client::tags).isInstanceOf(ColloquyProblemException.UnauthorizedException.class);
    }
}
