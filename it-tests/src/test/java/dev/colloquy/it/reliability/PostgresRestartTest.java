package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api;
import dev.colloquy.it.api.ServerFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL is stopped (fast shutdown) and started again, {@value #RESTARTS} times, while four
 * clients append, each sending a batch again with its {@code Idempotency-Key} after a 503:
 * meanwhile requests are answered 503 with {@code Retry-After} and never another 5xx, the server
 * reports ready again soon after the database is back, and every batch is stored exactly once. The test runs its own PostgreSQL (embedded, from Maven Central), since it must
 * stop and start it.
 */
@Timeout(300)
class PostgresRestartTest {

    static final int RESTARTS = 20;
    private static final int WRITERS = 4;

    record Attempt(String label, int status, String retryAfter) {}

    @Test
    void restartsUnderLoadAnswer503MeanwhileAndLoseNothing(@TempDir Path directory) throws Exception {
        Path data = directory.resolve("pgdata");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres pg = start(data, port);
        try (Connection admin = pg.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE colloquy");
        }
        String url = "postgres://postgres@localhost:" + port + "/colloquy";
        var attempts = new ConcurrentLinkedQueue<Attempt>();
        var readyAfter = new ArrayList<Long>();
        try (var server = ServerFixture.onDatabase(url, Map.of())) {
            Api api = server.api();
            String token = server.target().token();
            String conversation = server.target().conversationId();
            var stop = new AtomicBoolean();
            var pool = Executors.newFixedThreadPool(WRITERS);
            for (int t = 0; t < WRITERS; t++) {
                int writer = t;
                pool.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        // A careful client: each batch sent with its own Idempotency-Key and sent
                        // again, with the same key, after a 503 until it is acknowledged.
                        String label = "w" + writer + "-" + n;
                        for (int attempt = 0; attempt < 100; attempt++) {
                            Api.Answer answer = api.send(
                                    "POST",
                                    "/v1/conversations/" + conversation + "/messages",
                                    token,
                                    "application/json",
                                    "{\"messages\":[{\"role\":\"user\",\"content\":\"" + label + "\"}]}",
                                    Map.of("Idempotency-Key", label));
                            attempts.add(new Attempt(label, answer.status(), answer.header("Retry-After")));
                            if (answer.status() != 503) {
                                break;
                            }
                            sleep(100);
                        }
                    }
                    return null;
                });
            }
            for (int i = 0; i < RESTARTS; i++) {
                Thread.sleep(300);
                pg.close(); // pg_ctl stop -m fast
                Thread.sleep(300);
                pg = start(data, port);
                long back = System.nanoTime();
                while (api.get("/health/ready", null).status() != 200) {
                    assertThat(Duration.ofNanos(System.nanoTime() - back))
                            .as("ready again after restart %d", i + 1)
                            .isLessThan(Duration.ofSeconds(10));
                    Thread.sleep(50);
                }
                readyAfter.add((System.nanoTime() - back) / 1_000_000);
            }
            Thread.sleep(500);
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            var statuses = new TreeMap<Integer, Integer>();
            attempts.forEach(a -> statuses.merge(a.status(), 1, Integer::sum));
            System.out.printf(
                    "%d PostgreSQL restarts under %d writers: answers %s; ready again after (ms) %s%n",
                    RESTARTS, WRITERS, statuses, readyAfter);
            // 503 only when a request's 5 s budget ran out during a restart; often none does
            assertThat(statuses.keySet()).as("answers by status %s", statuses).isSubsetOf(201, 503);
            assertThat(attempts)
                    .filteredOn(a -> a.status() == 503)
                    .allSatisfy(a -> assertThat(a.retryAfter()).isNotNull());
            assertThat(statuses.get(201)).isGreaterThan(RESTARTS);

            var stored = api.allMessages(conversation, token).stream()
                    .map(m -> m.get("content").asText())
                    .toList();
            var acknowledged = attempts.stream()
                    .filter(a -> a.status() == 201)
                    .map(Attempt::label)
                    .collect(Collectors.toSet());
            var sent = attempts.stream().map(Attempt::label).collect(Collectors.toSet());
            assertThat(acknowledged).as("every batch acknowledged in the end").isEqualTo(sent);
            assertThat(stored).as("each batch stored exactly once").doesNotHaveDuplicates();
            assertThat(stored).containsAll(acknowledged);
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
