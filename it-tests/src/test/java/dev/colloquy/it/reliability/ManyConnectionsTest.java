package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.it.api.Api;
import dev.colloquy.it.api.ServerFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 256 clients, each on a connection of its own, reading and appending at once for a few seconds:
 * every answer is a success or a 503 with {@code Retry-After} (the queue or the pool full, nothing
 * stored), never another error; {@code /health/live} answers all along; every append answered 201
 * is stored and no refused one is, so each conversation's counter equals its rows.
 */
class ManyConnectionsTest {

    private static final int CLIENTS = 256;
    private static final Duration LOAD = Duration.ofSeconds(6);

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void manyClientsAtOnceGetAnswersOrRefusalsAndNothingElse(String backend) throws Exception {
        try (var server = new ServerFixture(backend, Map.of("HTTP_QUEUE_LIMIT", "64"))) {
            String token = server.target().token();
            var api = server.api();
            List<String> conversations = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                conversations.add(api.post("/v1/conversations", token, "{\"title\":\"busy " + i + "\"}")
                        .json()
                        .get("id")
                        .asText());
            }
            ConcurrentMap<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
            ConcurrentMap<String, AtomicInteger> stored = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(CLIENTS);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    // A client of its own: its own connection, as 256 separate clients would have.
                    var http = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(30))
                            .build();
                    started.countDown();
                    int round = 0;
                    while (!stop.get()) {
                        String conversation = conversations.get((client + round) % conversations.size());
                        boolean append = round++ % 2 == 0;
                        var request = HttpRequest.newBuilder(api.base()
                                        .resolve("/v1/conversations/" + conversation + "/messages"
                                                + (append ? "" : "?last=5")))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(60));
                        if (append) {
                            request.header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"messages\":[{\"role\":\"user\",\"content\":\"from " + client
                                                    + "\"}]}"));
                        }
                        var answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        int status = answer.statusCode();
                        String key = (append ? "append " : "read ") + status;
                        statuses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        if (status == 503) {
                            assertThat(answer.headers().firstValue("Retry-After"))
                                    .as("a refusal says when to come back")
                                    .isPresent();
                        }
                        if (append && status == 201) {
                            stored.computeIfAbsent(conversation, k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            long end = System.nanoTime() + LOAD.toNanos();
            int live = 0;
            while (System.nanoTime() < end) {
                Api.Answer answer = api.get("/health/live", null);
                assertThat(answer.status()).as("liveness under load").isEqualTo(200);
                live++;
                Thread.sleep(200);
            }
            stop.set(true);
            for (Future<?> client : running) {
                client.get(120, TimeUnit.SECONDS);
            }
            clients.shutdown();

            System.out.printf(
                    "%s, %d clients for %s: %s; /health/live answered 200 %d times%n",
                    backend, CLIENTS, LOAD, statuses, live);
            assertThat(live).isPositive();
            assertThat(statuses.keySet())
                    .as("only successes and 503 refusals: %s", statuses)
                    .allMatch(key -> key.equals("append 201") || key.equals("read 200") || key.endsWith(" 503"));
            assertThat(statuses.get("append 201")).as("%s", statuses).isNotNull();
            assertThat(statuses.get("read 200")).as("%s", statuses).isNotNull();
            for (String conversation : conversations) {
                JsonNode stats =
                        api.get("/v1/conversations/" + conversation, token).json();
                int acknowledged =
                        stored.getOrDefault(conversation, new AtomicInteger()).get();
                assertThat(stats.get("messageCount").asInt())
                        .as("every 201 stored and nothing else, in %s", conversation)
                        .isEqualTo(acknowledged);
                assertThat(api.allMessages(conversation, token)).hasSize(acknowledged);
            }
        }
    }
}
