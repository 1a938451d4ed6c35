package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.it.api.Api;
import dev.colloquy.it.api.ServerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Another process holds the SQLite file's write lock for a while, shorter and longer than the
 * busy timeout, while four threads append batches over HTTP. Whatever each request was answered
 * is what the database holds: a 201's batch is stored whole, any other answer stored nothing, the
 * counters equal the rows, and the server serves writes and reports ready as soon as the lock goes.
 */
class SqliteWriteLockTest {

    private static final int THREADS = 4;
    private static final int BATCH = 5;

    /** One append request and its answer. */
    record Attempt(
            String conversationId, String label, int status, String retryAfter, String problemType, long answeredAt) {}

    @ParameterizedTest(name = "lock held {0}s")
    @ValueSource(ints = {3, 6, 12})
    void everyAnswerAgreesWithWhatIsStoredWhileAnotherProcessHoldsTheWriteLock(int seconds) throws Exception {
        try (var fixture = new ServerFixture("sqlite")) {
            Api api = fixture.api();
            String token = fixture.target().token();
            List<String> conversations = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                conversations.add(api.post("/v1/conversations", token, "{\"title\":\"locked " + i + "\"}")
                        .json()
                        .get("id")
                        .asText());
            }
            var attempts = new ConcurrentLinkedQueue<Attempt>();
            var stop = new AtomicBoolean();
            var pool = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String conversation = conversations.get((thread + n) % conversations.size());
                        String label = "w" + thread + "-r" + n;
                        var body = new StringBuilder("{\"messages\":[");
                        for (int i = 0; i < BATCH; i++) {
                            body.append(i == 0 ? "" : ",")
                                    .append("{\"role\":\"user\",\"content\":\"")
                                    .append(label)
                                    .append('-')
                                    .append(i)
                                    .append("\"}");
                        }
                        var answer = api.post(
                                "/v1/conversations/" + conversation + "/messages",
                                token,
                                body.append("]}").toString());
                        attempts.add(new Attempt(
                                conversation,
                                label,
                                answer.status(),
                                answer.header("Retry-After"),
                                answer.problemType(),
                                System.nanoTime()));
                    }
                    return null;
                });
            }
            Thread.sleep(500);
            Path file = Path.of(fixture.url().substring("sqlite:".length()));
            Process holder = WriteLockHolder.hold(file, Duration.ofSeconds(seconds));
            assertThat(holder.waitFor(seconds + 30L, TimeUnit.SECONDS)).isTrue();
            long released = System.nanoTime();
            assertThat(holder.exitValue()).isZero();
            Thread.sleep(1_000);
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            // Right after the lock goes: writes are served and the server is ready.
            assertThat(api.post(
                                    "/v1/conversations/" + conversations.get(0) + "/messages",
                                    token,
                                    "{\"messages\":[{\"role\":\"user\",\"content\":\"after\"}]}")
                            .status())
                    .isEqualTo(201);
            assertThat(api.get("/health/ready", null).status()).isEqualTo(200);

            List<Attempt> answered = List.copyOf(attempts);
            assertThat(answered).extracting(Attempt::status).isSubsetOf(201, 503);
            assertThat(answered).filteredOn(a -> a.status() == 503).allSatisfy(a -> {
                assertThat(a.retryAfter()).as("Retry-After of a 503").isNotBlank();
                assertThat(a.problemType()).isEqualTo("urn:colloquy:problem:unavailable");
            });
            if (seconds > 5) {
                // The lock outlasts the busy timeout: waiting requests are answered before it goes.
                assertThat(answered)
                        .filteredOn(a -> a.status() == 503 && a.answeredAt() < released)
                        .isNotEmpty();
            } else {
                assertThat(answered).extracting(Attempt::status).containsOnly(201);
            }

            for (String conversation : conversations) {
                List<JsonNode> stored = api.allMessages(conversation, token);
                var seqs = stored.stream().map(m -> m.get("seq").asInt()).toList();
                assertThat(seqs)
                        .as("seq gap-free")
                        .isEqualTo(IntStream.rangeClosed(1, seqs.size()).boxed().toList());
                int count = api.get("/v1/conversations/" + conversation, token)
                        .json()
                        .get("messageCount")
                        .asInt();
                assertThat(count).as("messageCount equals the rows").isEqualTo(stored.size());

                Map<String, List<Integer>> byLabel = new HashMap<>();
                for (JsonNode message : stored) {
                    String content = message.get("content").asText();
                    if (!content.equals("after")) {
                        String label = content.substring(0, content.lastIndexOf('-'));
                        byLabel.computeIfAbsent(label, k -> new ArrayList<>())
                                .add(message.get("seq").asInt());
                    }
                }
                for (Attempt attempt : answered) {
                    if (!attempt.conversationId().equals(conversation)) {
                        continue;
                    }
                    List<Integer> seqsOfBatch = byLabel.getOrDefault(attempt.label(), List.of());
                    if (attempt.status() == 201) {
                        assertThat(seqsOfBatch)
                                .as("the 201 batch %s is stored whole, in order", attempt.label())
                                .hasSize(BATCH);
                        assertThat(seqsOfBatch.get(BATCH - 1) - seqsOfBatch.get(0))
                                .isEqualTo(BATCH - 1);
                    } else {
                        assertThat(seqsOfBatch)
                                .as("the refused batch %s stored nothing", attempt.label())
                                .isEmpty();
                    }
                }
                long answeredHere = answered.stream()
                        .filter(a -> a.conversationId().equals(conversation) && a.status() == 201)
                        .count();
                assertThat(byLabel).as("no batch stored without a 201").hasSize((int) answeredHere);
            }
        }
    }
}
