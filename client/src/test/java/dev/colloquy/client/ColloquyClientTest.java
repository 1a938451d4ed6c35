package dev.colloquy.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's exchange against a stand-in server that answers from a script: what is retried,
 * what is not, how problems are thrown. The real server's answers are tested in the build's HTTP
 * contract suite.
 */
class ColloquyClientTest {

    record Scripted(int status, Map<String, String> headers, String body) {}

    record Seen(String method, String path, Map<String, List<String>> headers, String body) {}

    private HttpServer server;
    private final Queue<Scripted> script = new ArrayDeque<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private static final String MESSAGE = "{\"id\":\"01a235c4-c5db-759d-abbb-e137537d2b21\","
            + "\"conversationId\":\"01a235c4-c5d9-767f-bab4-b2502ec33334\",\"seq\":1,\"role\":\"user\","
            + "\"content\":\"hi\",\"metadata\":{},\"createdAt\":\"2026-12-02T08:00:17.883Z\"}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        seen.add(new Seen(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery()),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Scripted next = script.isEmpty() ? new Scripted(500, Map.of(), "script ran out") : script.poll();
        next.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(next.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private void then(int status, String body, Map<String, String> headers) {
        script.add(new Scripted(status, headers, body));
    }

    private static String problem(int status, String kind, String detail) {
        return "{\"type\":\"urn:colloquy:problem:" + kind + "\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\""
                + detail + "\",\"requestId\":\"req-1\"}";
    }

    private static final Map<String, String> PROBLEM = Map.of("Content-Type", "application/problem+json");

    private ColloquyClient client(RetryPolicy retries) {
        return ColloquyClient.builder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .token("cq_secret-token-value")
                .retries(retries)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static final RetryPolicy QUICK =
            new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2));

    @Test
    void aReadIsRetriedOn503HonouringRetryAfterAndThenAnswers() {
        then(
                503,
                problem(503, "unavailable", "busy"),
                Map.of("Retry-After", "0", "Content-Type", "application/problem+json"));
        then(
                503,
                problem(503, "unavailable", "busy"),
                Map.of("Retry-After", "1", "Content-Type", "application/problem+json"));
        then(200, "{\"items\":[" + MESSAGE + "]}", Map.of("Content-Type", "application/json"));

        long started = System.nanoTime();
        var messages = client(QUICK).historyByKey("user 42/é", HistoryQuery.last(5));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.content()).isEqualTo("hi");
            assertThat(m.role()).isEqualTo(Role.USER);
            assertThat(m.parts()).isEmpty();
        });
        assertThat(seen).hasSize(3);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)); // waited the Retry-After of 1 s
        assertThat(seen.get(0).path()).isEqualTo("/v1/keys/user%2042%2F%C3%A9/messages?last=5");
        assertThat(seen.get(0).headers().get("Authorization")).containsExactly("Bearer cq_secret-token-value");
    }

    @Test
    void anAppendIsRetriedWithTheSameIdempotencyKey() {
        then(503, problem(503, "unavailable", "commit failed"), PROBLEM);
        then(201, "{\"items\":[" + MESSAGE + "]}", Map.of("Content-Type", "application/json"));

        client(QUICK).appendByKey("k", List.of(NewMessage.user("hi")));

        assertThat(seen).hasSize(2);
        var keys = seen.stream().map(s -> s.headers().get("Idempotency-key")).toList();
        assertThat(keys.get(0))
                .singleElement()
                .satisfies(key -> assertThat(UUID.fromString(key)).isNotNull());
        assertThat(keys.get(1)).isEqualTo(keys.get(0));
        assertThat(seen.get(0).body()).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void aPatchIsNotRetriedOn503ButIsOn429() {
        then(503, problem(503, "unavailable", "maybe applied"), PROBLEM);
        assertThatThrownBy(() -> client(QUICK)
                        .updateConversation(
                                UUID.randomUUID(), ConversationPatch.none().title("x")))
                .isInstanceOf(ColloquyProblemException.UnavailableException.class);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).headers().get("Content-type")).containsExactly("application/merge-patch+json");

        seen.clear();
        then(
                429,
                problem(429, "too-many-requests", "slow down"),
                Map.of("Retry-After", "0", "Content-Type", "application/problem+json"));
        then(
                200,
                "{\"id\":\"01a235c4-c5d9-767f-bab4-b2502ec33334\",\"key\":null,\"title\":\"x\",\"metadata\":{},"
                        + "\"tags\":[],\"messageCount\":0,\"createdAt\":\"2026-12-02T08:00:17.883Z\","
                        + "\"updatedAt\":\"2026-12-02T08:00:17.883Z\"}",
                Map.of("Content-Type", "application/json"));
        var updated = client(QUICK)
                .updateConversation(
                        UUID.randomUUID(), ConversationPatch.none().title("x").key(null));
        assertThat(updated.title()).isEqualTo("x");
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).body()).isEqualTo("{\"title\":\"x\",\"key\":null}");
    }

    @Test
    void aRetryAfterLongerThanAllowedIsThrownAtOnceWithItsValue() {
        then(
                503,
                problem(503, "unavailable", "down for a while"),
                Map.of("Retry-After", "120", "Content-Type", "application/problem+json"));
        assertThatThrownBy(() -> client(QUICK).tags())
                .isInstanceOfSatisfying(ColloquyProblemException.UnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                    assertThat(e.detail()).isEqualTo("down for a while");
                });
        assertThat(seen).hasSize(1);
    }

    @Test
    void retriesStopAfterTheLastAttempt() {
        for (int i = 0; i < 4; i++) {
            then(503, problem(503, "unavailable", "still busy " + i), PROBLEM);
        }
        assertThatThrownBy(() -> client(QUICK).tags())
                .isInstanceOf(ColloquyProblemException.UnavailableException.class)
                .hasMessageContaining("still busy 3");
        assertThat(seen).hasSize(4);
        seen.clear();
        then(503, problem(503, "unavailable", "once"), PROBLEM);
        assertThatThrownBy(() -> client(RetryPolicy.NONE).tags()).isInstanceOf(ColloquyProblemException.class);
        assertThat(seen).hasSize(1);
    }

    @Test
    void problemsAreTypedAndNeverCarryTheToken() {
        then(404, problem(404, "not-found", "no conversation with key 'k'"), PROBLEM);
        then(
                400,
                "{\"type\":\"urn:colloquy:problem:validation\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"messages[0].role: unknown role\",\"field\":\"messages[0].role\"}",
                PROBLEM);
        then(409, problem(409, "conflict", "taken"), PROBLEM);
        then(412, problem(412, "precondition-failed", "stale"), PROBLEM);
        then(401, problem(401, "unauthorized", "bad token"), PROBLEM);
        then(502, "<html>bad gateway</html>", Map.of("Content-Type", "text/html", "X-Request-Id", "gw-7"));
        var client = client(RetryPolicy.NONE);

        assertThatThrownBy(() -> client.getConversation(UUID.randomUUID()))
                .isInstanceOfSatisfying(ColloquyProblemException.NotFoundException.class, e -> {
                    assertThat(e.type()).isEqualTo("urn:colloquy:problem:not-found");
                    assertThat(e.requestId()).contains("req-1");
                });
        assertThatThrownBy(() -> client.append(UUID.randomUUID(), List.of(NewMessage.user("x"))))
                .isInstanceOfSatisfying(
                        ColloquyProblemException.BadRequestException.class,
                        e -> assertThat(e.field()).contains("messages[0].role"));
        assertThatThrownBy(() -> client.createConversation(NewConversation.empty()))
                .isInstanceOf(ColloquyProblemException.ConflictException.class);
        assertThatThrownBy(() -> client.deleteConversation(UUID.randomUUID()))
                .isInstanceOf(ColloquyProblemException.PreconditionFailedException.class);
        assertThatThrownBy(() -> client.tags())
                .isInstanceOf(ColloquyProblemException.UnauthorizedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-token"));
        assertThatThrownBy(() -> client.tags()).isInstanceOfSatisfying(ColloquyProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.detail()).contains("bad gateway");
            assertThat(e.requestId()).contains("gw-7");
        });
    }

    @Test
    void aDeleteWhoseFirstAnswerWasLostCountsAsDone() {
        then(503, problem(503, "unavailable", "lost"), PROBLEM);
        then(404, problem(404, "not-found", "gone"), PROBLEM);
        client(QUICK).deleteByKey("k");
        assertThat(seen).extracting(Seen::method).containsExactly("DELETE", "DELETE");
    }

    @Test
    void connectionFailuresAreRetriedForSafeRequestsOnly() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var client = ColloquyClient.builder(URI.create("http://127.0.0.1:" + port))
                .token("cq_secret-token-value")
                .retries(QUICK)
                .build();
        assertThatThrownBy(() -> client.tags())
                .isInstanceOf(ColloquyTransportException.class)
                .hasMessageContaining("after 4 attempt(s)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-token"));
        assertThatThrownBy(() -> client.updateConversation(
                        UUID.randomUUID(), ConversationPatch.none().title("x")))
                .isInstanceOf(ColloquyTransportException.class)
                .hasMessageContaining("after 1 attempt(s)");
    }

    @Test
    void pagesAreWalkedByTheirCursors() {
        String conversation = "{\"id\":\"%s\",\"key\":\"%s\",\"title\":null,\"metadata\":{\"n\":1},\"tags\":[\"a\"],"
                + "\"messageCount\":0,\"createdAt\":\"2026-12-02T08:00:17.883Z\",\"updatedAt\":\"2026-12-02T08:00:17.883Z\"}";
        then(
                200,
                "{\"items\":[" + conversation.formatted(UUID.randomUUID(), "a") + ","
                        + conversation.formatted(UUID.randomUUID(), "b") + "],\"nextCursor\":\"c/1\"}",
                Map.of());
        then(200, "{\"items\":[" + conversation.formatted(UUID.randomUUID(), "c") + "],\"nextCursor\":null}", Map.of());

        var keys = new java.util.ArrayList<String>();
        client(QUICK).keyedConversations().forEach(c -> keys.add(c.key()));

        assertThat(keys).containsExactly("a", "b", "c");
        assertThat(seen)
                .extracting(Seen::path)
                .containsExactly("/v1/keys?limit=1000", "/v1/keys?limit=1000&cursor=c%2F1");
    }

    @Test
    void keysArePercentEncodedByteByByte() {
        assertThat(ColloquyClient.encode("a%2Fb;é ~._-Z9")).isEqualTo("a%252Fb%3B%C3%A9%20~._-Z9");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsADate() {
        assertThat(ColloquyClient.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(ColloquyClient.parseRetryAfter("nonsense")).isEmpty();
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(ColloquyClient.parseRetryAfter(inTenSeconds))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
    }
}
