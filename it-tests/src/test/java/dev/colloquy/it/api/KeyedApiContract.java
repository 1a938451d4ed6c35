package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.it.api.Api.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The routes by the client's key, and messages with names, parts, tool calls and tool results, over HTTP. */
public interface KeyedApiContract extends ApiContract {

    String BY_KEY = "/v1/keys/";

    private static String messages(String... json) {
        return "{\"messages\":[" + String.join(",", json) + "]}";
    }

    private List<String> contents(String token, String key) {
        Answer history = api().get(BY_KEY + key + "/messages", token);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        var contents = new ArrayList<String>();
        history.json()
                .get("items")
                .forEach(item -> contents.add(item.get("content").asText()));
        return contents;
    }

    @Test
    default void aKeyedConversationIsCreatedByItsFirstWriteAndDeletedIdempotently() {
        String token = projectToken();
        String key = "session-" + UUID.randomUUID();

        Answer unknown = api().get(BY_KEY + key, token);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(api().get(BY_KEY + key + "/messages", token).status()).isEqualTo(404);

        Answer replaced = api().put(
                        BY_KEY + key + "/messages",
                        token,
                        messages(
                                "{\"role\":\"system\",\"content\":\"be brief\"}",
                                "{\"role\":\"user\",\"content\":\"hi\"}"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        String id = replaced.json().get("items").get(0).get("conversationId").asText();

        Answer conversation = api().get(BY_KEY + key, token);
        assertThat(conversation.status()).as(conversation.toString()).isEqualTo(200);
        assertThat(conversation.json().get("id").asText()).isEqualTo(id);
        assertThat(conversation.json().get("key").asText()).isEqualTo(key);
        assertThat(conversation.json().get("messageCount").asInt()).isEqualTo(2);
        assertThat(conversation.header("ETag")).isNotBlank();
        assertThat(api().get("/v1/conversations/" + id, token).json().get("key").asText())
                .isEqualTo(key);

        Answer appended = api().post(
                        BY_KEY + key + "/messages", token, messages("{\"role\":\"assistant\",\"content\":\"hello\"}"));
        assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
        assertThat(appended.json().get("items").get(0).get("seq").asInt()).isEqualTo(3);
        assertThat(contents(token, key)).containsExactly("be brief", "hi", "hello");
        Answer last = api().get(BY_KEY + key + "/messages?last=1", token);
        assertThat(last.json().get("items")).hasSize(1);

        // an empty replace clears it, and the conversation stays
        Answer cleared = api().put(BY_KEY + key + "/messages", token, "{\"messages\":[]}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("items")).isEmpty();
        assertThat(contents(token, key)).isEmpty();
        assertThat(api().get(BY_KEY + key, token).json().get("id").asText()).isEqualTo(id);

        // another project does not see it
        assertThat(api().get(BY_KEY + key, projectToken()).status()).isEqualTo(404);

        Answer deleted = api().delete(BY_KEY + key, token);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(api().delete(BY_KEY + key, token).status()).isEqualTo(204);
        assertThat(api().get(BY_KEY + key, token).status()).isEqualTo(404);
        assertThat(api().get("/v1/conversations/" + id, token).status()).isEqualTo(404);
    }

    @Test
    default void concurrentFirstAppendsOfOneKeyCreateOneConversation() throws Exception {
        String token = projectToken();
        String key = "raced-" + UUID.randomUUID();
        int threads = 16;
        var pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<Answer>>();
            for (int t = 0; t < threads; t++) {
                String body = messages("{\"role\":\"user\",\"content\":\"thread " + t + "\"}");
                futures.add(pool.submit(() -> {
                    start.await();
                    return api().post(BY_KEY + key + "/messages", token, body);
                }));
            }
            start.countDown();
            Set<String> conversations = new TreeSet<>();
            for (var future : futures) {
                Answer answer = future.get();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                conversations.add(
                        answer.json().get("items").get(0).get("conversationId").asText());
            }
            assertThat(conversations).hasSize(1);
            assertThat(contents(token, key)).hasSize(threads);
            Answer listed = api().get("/v1/conversations", token);
            assertThat(listed.json().get("items")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void everyAllowedKeyCharacterWorksInThePathPercentEncodedOrNot() {
        String token = projectToken();
        // as written in the path; % itself is sent as %25
        Map<String, String> keys = Map.of(
                "a%2Fb", "a%252Fb",
                "user@example.com", "user@example.com",
                "!$&'()*+,=", "!$&'()*+,=",
                "A-Z_a.z~0:9", "A-Z_a.z~0:9",
                "a..b", "a..b",
                "encoded", "%65ncoded");
        for (var entry : keys.entrySet()) {
            Answer written = api().post(
                            BY_KEY + entry.getValue() + "/messages",
                            token,
                            messages("{\"role\":\"user\",\"content\":\"" + entry.getKey() + "\"}"));
            assertThat(written.status()).as(entry.getKey() + ": " + written).isEqualTo(201);
            Answer read = api().get(BY_KEY + entry.getValue(), token);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().get("key").asText()).isEqualTo(entry.getKey());
        }
        long before = api().get("/v1/conversations?limit=1000", token)
                .json()
                .get("items")
                .size();
        for (String bad : List.of("a%20b", "%C3%A9", "a%3Fb", "a%23b", "a;b", "k".repeat(201))) {
            Answer refused =
                    api().post(BY_KEY + bad + "/messages", token, messages("{\"role\":\"user\",\"content\":\"x\"}"));
            assertThat(refused.status()).as(bad + ": " + refused).isIn(400, 404);
            if (refused.status() == 400) {
                assertThat(refused.problemType()).isEqualTo("urn:colloquy:problem:validation");
            }
        }
        assertThat(api().get("/v1/conversations?limit=1000", token).json().get("items"))
                .hasSize((int) before);
    }

    @Test
    default void refusedMessagesCreateNoConversationForTheirKey() {
        String token = projectToken();
        Answer refused = api().post(
                        BY_KEY + "nothing/messages",
                        token,
                        messages(
                                "{\"role\":\"user\",\"content\":\"ok\"}",
                                "{\"role\":\"user\",\"toolCalls\":[{\"name\":\"f\"}]}"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("messages[1].toolCalls");
        assertThat(api().get(BY_KEY + "nothing", token).status()).isEqualTo(404);
        assertThat(api().get("/v1/conversations", token).json().get("items")).isEmpty();
    }

    @Test
    default void structuredMessagesRoundTripExactlyOverHttp() throws Exception {
        String token = projectToken();
        List<String> sent = List.of(
                "{\"role\":\"system\",\"name\":\"setup\",\"content\":\"be brief\"}",
                "{\"role\":\"user\",\"name\":\"ana\",\"content\":null,\"parts\":[{\"type\":\"text\",\"text\":\"look\"},"
                        + "{\"type\":\"image\",\"url\":\"https://example.com/a.png\",\"mimeType\":\"image/png\",\"detail\":\"low\"},"
                        + "{\"type\":\"file\",\"data\":\"JVBERi0xLjQK\",\"mimeType\":\"application/pdf\",\"name\":\"a.pdf\",\"id\":\"f1\"}]}",
                "{\"role\":\"assistant\",\"toolCalls\":[{\"id\":\"call-1\",\"type\":\"function\",\"name\":\"weather\","
                        + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"},{\"name\":\"clock\"}]}",
                "{\"role\":\"tool\",\"toolResults\":[{\"toolCallId\":\"call-1\",\"toolName\":\"weather\",\"content\":\"sunny\","
                        + "\"isError\":false},{\"toolCallId\":\"call-2\",\"isError\":true}]}",
                "{\"role\":\"assistant\",\"content\":\"\",\"parts\":[{\"type\":\"reasoning\",\"text\":\"hmm\"}]}");
        Answer stored = api().put(BY_KEY + "structured/messages", token, messages(sent.toArray(String[]::new)));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        Answer read = api().get(BY_KEY + "structured/messages", token);
        assertThat(read.json().get("items")).isEqualTo(stored.json().get("items"));

        JsonNode items = read.json().get("items");
        for (int i = 0; i < sent.size(); i++) {
            JsonNode expected = Api.JSON.readTree(sent.get(i));
            JsonNode item = items.get(i);
            for (String field : List.of("role", "name", "parts", "toolCalls", "toolResults")) {
                assertThat(item.get(field)).as(i + "." + field).isEqualTo(expected.get(field));
            }
            JsonNode content = expected.get("content");
            assertThat(item.get("content"))
                    .as(i + ".content")
                    .isEqualTo(content == null ? Api.JSON.nullNode() : content);
        }
        assertThat(items.get(4).get("content").asText()).isEmpty();
        // plain messages carry none of the optional members
        assertThat(api().post(
                                BY_KEY + "structured/messages",
                                token,
                                messages("{\"role\":\"user\",\"content\":\"plain\"}"))
                        .json()
                        .get("items")
                        .get(0)
                        .fieldNames())
                .toIterable()
                .containsExactly("id", "conversationId", "seq", "role", "content", "metadata", "createdAt");
    }

    @Test
    default void keysAreGivenAtCreationChangedByPatchAndListedInOrder() {
        String token = projectToken();
        Answer created = api().post("/v1/conversations", token, "{\"key\":\"b\",\"title\":\"B\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("key").asText()).isEqualTo("b");
        Answer taken = api().post("/v1/conversations", token, "{\"key\":\"b\"}");
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        Answer invalid = api().post("/v1/conversations", token, "{\"key\":\"a b\"}");
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);

        String plain = createConversation(token, "{}");
        assertThat(api().get("/v1/conversations/" + plain, token)
                        .json()
                        .get("key")
                        .isNull())
                .isTrue();
        Answer patched = api().send(
                        "PATCH",
                        "/v1/conversations/" + plain,
                        token,
                        "application/merge-patch+json",
                        "{\"key\":\"A\"}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("key").asText()).isEqualTo("A");
        Answer clash = api().send(
                        "PATCH",
                        "/v1/conversations/" + plain,
                        token,
                        "application/merge-patch+json",
                        "{\"key\":\"b\"}");
        assertThat(clash.status()).as(clash.toString()).isEqualTo(409);
        for (String key : List.of("c", "a", "d", "Z")) {
            api().put(BY_KEY + key + "/messages", token, "{\"messages\":[]}");
        }
        createConversation(token, "{}");

        var seen = new ArrayList<String>();
        String next = "/v1/keys?limit=2";
        int pages = 0;
        while (next != null) {
            Answer page = api().get(next, token);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(item -> seen.add(item.get("key").asText()));
            JsonNode cursor = page.json().get("nextCursor");
            String link = page.header("Link");
            if (cursor == null || cursor.isNull()) {
                assertThat(link).isNull();
                next = null;
            } else {
                assertThat(link).contains("rel=\"next\"");
                next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            }
            pages++;
        }
        assertThat(seen).containsExactly("A", "Z", "a", "b", "c", "d");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    default void aRetriedKeyedAppendAnswersItsFirstResult() {
        String token = projectToken();
        String body = messages("{\"role\":\"user\",\"content\":\"once\"}");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Answer first = api().send("POST", BY_KEY + "retried/messages", token, "application/json", body, key);
        Answer again = api().send("POST", BY_KEY + "retried/messages", token, "application/json", body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(contents(token, "retried")).containsExactly("once");
    }
}
