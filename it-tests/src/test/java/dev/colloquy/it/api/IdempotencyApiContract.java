package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on the writes that take it: a retry answers the first result and writes nothing. */
public interface IdempotencyApiContract extends ApiContract {

    String JSON = "application/json";
    String REUSED = "urn:colloquy:problem:idempotency-key-reused";

    private Answer send(String method, String path, String token, String body, String key) {
        return api().send(method, path, token, JSON, body, Map.of("Idempotency-Key", key));
    }

    private List<String> contents(String token, String conversation) {
        Answer history = api().get("/v1/conversations/" + conversation + "/messages", token);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        var contents = new ArrayList<String>();
        history.json()
                .get("items")
                .forEach(item -> contents.add(item.get("content").asText()));
        return contents;
    }

    @Test
    default void aRetriedAppendGetsTheFirstAnswerAndStoresNothing() {
        String token = projectToken();
        String conversation = createConversation(token, "{}");
        String path = "/v1/conversations/" + conversation + "/messages";
        String key = UUID.randomUUID().toString();
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"once\",\"metadata\":{\"a\":1,\"b\":[true]}}]}";

        Answer first = send("POST", path, token, body, key);
        Answer retry = send("POST", path, token, body, key);
        Answer reordered = send(
                "POST",
                path,
                token,
                "{ \"messages\" : [ {\"metadata\":{\"b\":[true],\"a\":1}, \"content\":\"once\", \"role\":\"user\"} ] }",
                key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(first.contentType()).startsWith(JSON);
        for (Answer again : List.of(retry, reordered)) {
            assertThat(again.status()).as(again.toString()).isEqualTo(201);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.raw().body()).isEqualTo(first.raw().body());
            assertThat(again.contentType()).startsWith(JSON);
        }
        assertThat(contents(token, conversation)).containsExactly("once");
        assertThat(api().get("/v1/conversations/" + conversation, token)
                        .json()
                        .get("messageCount")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    default void aRetriedCreateAnswersTheSameConversationAndLocation() {
        String token = projectToken();
        String key = "create-" + UUID.randomUUID();
        String body = "{\"title\":\"Once\",\"tags\":[\"t\"]}";

        Answer first = send("POST", "/v1/conversations", token, body, key);
        Answer retry = send("POST", "/v1/conversations", token, body, "\"" + key + "\"");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header("Location"))
                .isEqualTo(first.header("Location"))
                .endsWith("/v1/conversations/" + first.json().get("id").asText());
        assertThat(retry.raw().body()).isEqualTo(first.raw().body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api().get("/v1/conversations", token).json().get("items")).hasSize(1);
    }

    @Test
    default void aRetriedReplaceAnswersItsFirstResultEvenAfterLaterChanges() {
        String token = projectToken();
        String conversation = createConversation(token, "{}");
        String path = "/v1/conversations/" + conversation + "/messages";
        String key = UUID.randomUUID().toString();
        String body = "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"}]}";

        Answer first = send("PUT", path, token, body, key);
        assertThat(api().post(path, token, "{\"messages\":[{\"role\":\"user\",\"content\":\"later\"}]}")
                        .status())
                .isEqualTo(201);
        Answer retry = send("PUT", path, token, body, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.raw().body()).isEqualTo(first.raw().body());
        assertThat(contents(token, conversation))
                .as("the retry did not replace again")
                .containsExactly("be brief", "later");
    }

    @Test
    default void aKeyUsedForAnotherRequestIsRefusedAndStoresNothing() {
        String token = projectToken();
        String conversation = createConversation(token, "{}");
        String other = createConversation(token, "{}");
        String key = UUID.randomUUID().toString();
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"first\"}]}";
        assertThat(send("POST", "/v1/conversations/" + conversation + "/messages", token, body, key)
                        .status())
                .isEqualTo(201);

        var refused = List.of(
                send(
                        "POST",
                        "/v1/conversations/" + conversation + "/messages",
                        token,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"second\"}]}",
                        key),
                send("POST", "/v1/conversations/" + other + "/messages", token, body, key),
                send("PUT", "/v1/conversations/" + conversation + "/messages", token, body, key),
                send("POST", "/v1/conversations", token, "{}", key));

        for (Answer answer : refused) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
            assertThat(answer.problemType()).isEqualTo(REUSED);
            assertThat(answer.json().get("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(contents(token, conversation)).containsExactly("first");
        assertThat(contents(token, other)).isEmpty();
        assertThat(api().get("/v1/conversations", token).json().get("items")).hasSize(2);
    }

    @Test
    default void keysBelongToTheirToken() {
        String token = projectToken();
        String conversation = createConversation(token, "{}");
        String path = "/v1/conversations/" + conversation + "/messages";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"mine\"}]}";
        assertThat(send("POST", path, token, body, "shared-key").status()).isEqualTo(201);

        // another project's token: the same key is its own, and it cannot see the conversation
        Answer stranger = send("POST", path, projectToken(), body, "shared-key");

        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(404);
        assertThat(contents(token, conversation)).containsExactly("mine");
    }

    @Test
    default void malformedKeysAreRefusedAndStoreNothing() {
        String token = projectToken();
        String conversation = createConversation(token, "{}");
        String path = "/v1/conversations/" + conversation + "/messages";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

        for (String key : List.of("a".repeat(256), "two words", "\"a\\\"b\"", "\"\"", "tab\there")) {
            Answer answer = send("POST", path, token, body, key);
            assertThat(answer.status()).as(key + " -> " + answer).isEqualTo(400);
            assertThat(answer.problemType()).isEqualTo("urn:colloquy:problem:validation");
            assertThat(answer.json().get("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(send("POST", path, token, body, "a".repeat(255)).status()).isEqualTo(201);
        assertThat(contents(token, conversation)).containsExactly("x");
    }

    @Test
    default void aFailedWriteIsNotKeptAndItsRetryRunsAnew() {
        String token = projectToken();
        String conversation = createConversation(token, "{}");
        String path = "/v1/conversations/" + conversation + "/messages";
        String key = UUID.randomUUID().toString();

        Answer bad = send("POST", path, token, "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}", key);
        Answer good = send("POST", path, token, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", key);

        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(good.status()).as(good.toString()).isEqualTo(201);
        assertThat(good.header("Idempotent-Replayed")).isNull();
        assertThat(contents(token, conversation)).containsExactly("x");
    }

    @Test
    default void concurrentRetriesWithOneKeyStoreOnce() throws Exception {
        String token = projectToken();
        String conversation = createConversation(token, "{}");
        String path = "/v1/conversations/" + conversation + "/messages";
        String key = UUID.randomUUID().toString();
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}]}";
        int clients = 8;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(clients);
        var answers = new ArrayList<Answer>();
        try {
            var futures = new ArrayList<Future<Answer>>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return send("POST", path, token, body, key);
                }));
            }
            start.countDown();
            for (var future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers)
                .allSatisfy(answer ->
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(201));
        assertThat(answers)
                .extracting(answer -> answer.raw().body())
                .containsOnly(answers.get(0).raw().body());
        assertThat(answers)
                .filteredOn(answer -> answer.header("Idempotent-Replayed") == null)
                .hasSize(1);
        assertThat(contents(token, conversation)).containsExactly("a", "b");
    }
}
