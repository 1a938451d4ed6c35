package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api;
import dev.colloquy.it.api.ServerFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 32 clients appending and 32 reading (history, search, listing) at once on SQLite, with its one
 * writer connection, for {@value #SECONDS} s: every request answered with a success, and the
 * conversations' counters equal their rows with gap-free seq at the end.
 */
class SqliteLoadTest {

    static final int SECONDS = 60;
    private static final int WRITERS = 32;
    private static final int READERS = 32;

    @Test
    void writersAndReadersTogetherGetNoErrors() throws Exception {
        try (var server = new ServerFixture("sqlite")) {
            Api api = server.api();
            String token = server.target().token();
            var conversations = new ArrayList<String>();
            for (int i = 0; i < 8; i++) {
                conversations.add(api.post("/v1/conversations", token, "{\"title\":\"load " + i + "\"}")
                        .json()
                        .get("id")
                        .asText());
            }
            var statuses = new ConcurrentHashMap<String, AtomicLong>();
            var stop = new AtomicBoolean();
            var pool = Executors.newFixedThreadPool(WRITERS + READERS);
            for (int t = 0; t < WRITERS + READERS; t++) {
                int client = t;
                boolean writer = t < WRITERS;
                pool.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String conversation = conversations.get((client + n) % conversations.size());
                        Api.Answer answer;
                        if (writer) {
                            answer = api.post(
                                    "/v1/conversations/" + conversation + "/messages",
                                    token,
                                    "{\"messages\":[{\"role\":\"user\",\"content\":\"walrus " + client + "-" + n
                                            + "\"},{\"role\":\"assistant\",\"content\":\"noted\"}]}");
                        } else {
                            answer = switch (n % 3) {
                                case 0 -> api.get("/v1/conversations/" + conversation + "/messages?last=20", token);
                                case 1 -> api.get("/v1/search?q=walrus&limit=10", token);
                                default -> api.get("/v1/conversations?limit=20", token);
                            };
                        }
                        String kind = (writer ? "write " : "read ") + answer.status();
                        statuses.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                });
            }
            Thread.sleep(SECONDS * 1_000L);
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            var counts = new TreeMap<String, Long>();
            statuses.forEach((kind, count) -> counts.put(kind, count.get()));
            System.out.printf(
                    "SQLite, %d writers and %d readers for %d s: answers %s%n", WRITERS, READERS, SECONDS, counts);
            assertThat(counts.keySet()).as("answers %s", counts).containsOnly("write 201", "read 200");
            assertThat(counts.get("write 201")).isGreaterThan(WRITERS);

            for (String conversation : conversations) {
                List<Integer> seqs = api.allMessages(conversation, token).stream()
                        .map(m -> m.get("seq").asInt())
                        .toList();
                for (int i = 0; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).isEqualTo(i + 1);
                }
                assertThat(api.get("/v1/conversations/" + conversation, token)
                                .json()
                                .get("messageCount")
                                .asInt())
                        .isEqualTo(seqs.size());
            }
        }
    }
}
