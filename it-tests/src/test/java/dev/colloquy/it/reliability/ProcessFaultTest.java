package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.TestDatabases;
import dev.colloquy.it.api.Api;
import dev.colloquy.it.cli.ServeProcessTest;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server process is stopped under 16 appending clients, by SIGKILL (a crash) or SIGTERM (an
 * orchestrator's stop). After a restart on the same database: every batch answered 201 is there,
 * every batch is there whole or not at all, sequence numbers have no gaps, counters equal rows,
 * and on SQLite {@code integrity_check} is ok. SIGTERM also lets the requests in flight finish:
 * the process logs that it stopped cleanly.
 */
class ProcessFaultTest {

    private static final String ADMIN = "cq_process-fault-admin-token-0123456789";
    private static final int WRITERS = 16;
    private static final int BATCH = 3;

    /** One append: its batch label and what the client learnt (a status, or 0 for no answer). */
    record Attempt(String conversation, String label, int status) {}

    @ParameterizedTest(name = "{0} stopped by {1}")
    @CsvSource({"sqlite,SIGKILL", "sqlite,SIGTERM", "postgres,SIGKILL", "postgres,SIGTERM"})
    void everyAcknowledgedBatchSurvivesAStopUnderLoad(String backend, String signal, @TempDir Path directory)
            throws Exception {
        var env = new HashMap<String, String>();
        env.put("COLLOQUY_ADMIN_TOKEN", ADMIN);
        if (backend.equals("postgres")) {
            env.put("DATABASE_URL", TestDatabases.freshUrl("postgres"));
        }
        var server = ServeProcessTest.start(directory, env, "first");
        var attempts = new ConcurrentLinkedQueue<Attempt>();
        var conversations = new ArrayList<String>();
        try {
            Api api = new Api(server.uri());
            for (int i = 0; i < 4; i++) {
                conversations.add(api.post("/v1/conversations", ADMIN, "{}")
                        .json()
                        .get("id")
                        .asText());
            }
            var stop = new AtomicBoolean();
            var pool = Executors.newFixedThreadPool(WRITERS);
            for (int t = 0; t < WRITERS; t++) {
                int writer = t;
                pool.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String conversation = conversations.get((writer + n) % conversations.size());
                        String label = "w" + writer + "-" + n;
                        var body = new StringBuilder("{\"messages\":[");
                        for (int i = 0; i < BATCH; i++) {
                            body.append(i == 0 ? "" : ",")
                                    .append("{\"role\":\"user\",\"content\":\"")
                                    .append(label)
                                    .append('/')
                                    .append(i)
                                    .append("\"}");
                        }
                        body.append("]}");
                        int status;
                        try {
                            status = api.post("/v1/conversations/" + conversation + "/messages", ADMIN, body + "")
                                    .status();
                        } catch (RuntimeException e) {
                            status = 0; // no answer: the process went away
                        }
                        attempts.add(new Attempt(conversation, label, status));
                        if (status == 0) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(1_500);
            if (signal.equals("SIGKILL")) {
                server.process().destroyForcibly();
            } else {
                server.process().destroy();
            }
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.process().destroyForcibly();
        }
        if (signal.equals("SIGTERM")) {
            assertThat(server.stderr()).contains("Stopping: no new requests").contains("Stopped");
        }
        assertThat(attempts.stream().filter(a -> a.status() == 201)).hasSizeGreaterThan(WRITERS);
        assertThat(attempts)
                .as("every answer is a success, a refusal under load, or none")
                .allSatisfy(a -> assertThat(a.status()).isIn(0, 201, 503));

        var again = ServeProcessTest.start(directory, env, "second");
        try {
            Api api = new Api(again.uri());
            var stored = new HashMap<String, Integer>();
            for (String conversation : conversations) {
                List<Integer> seqs = new ArrayList<>();
                for (var message : api.allMessages(conversation, ADMIN)) {
                    String content = message.get("content").asText();
                    stored.merge(conversation + " " + content.substring(0, content.indexOf('/')), 1, Integer::sum);
                    seqs.add(message.get("seq").asInt());
                }
                var counted =
                        api.get("/v1/conversations/" + conversation, ADMIN).json();
                assertThat(counted.get("messageCount").asInt()).isEqualTo(seqs.size());
                for (int i = 0; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).as("seq without gaps").isEqualTo(i + 1);
                }
            }
            System.out.printf(
                    "%s stopped by %s under %d writers: %d batches acknowledged, %d refused (503), %d without an"
                            + " answer; %d stored after the restart%n",
                    backend,
                    signal,
                    WRITERS,
                    attempts.stream().filter(a -> a.status() == 201).count(),
                    attempts.stream().filter(a -> a.status() == 503).count(),
                    attempts.stream().filter(a -> a.status() == 0).count(),
                    stored.size());
            assertThat(stored.values()).as("every stored batch is whole").containsOnly(BATCH);
            for (Attempt attempt : attempts) {
                String key = attempt.conversation() + " " + attempt.label();
                if (attempt.status() == 201) {
                    assertThat(stored).as("acknowledged %s", attempt.label()).containsKey(key);
                } else if (attempt.status() == 503) {
                    assertThat(stored).as("refused %s", attempt.label()).doesNotContainKey(key);
                }
            }
            Map<String, Attempt> byKey = new HashMap<>();
            attempts.forEach(a -> byKey.put(a.conversation() + " " + a.label(), a));
            assertThat(byKey.keySet()).as("nothing stored that was not sent").containsAll(stored.keySet());
        } finally {
            ServeProcessTest.stop(again);
        }
        if (backend.equals("sqlite")) {
            try (var connection = DriverManager.getConnection(
                            "jdbc:sqlite:" + directory.resolve("data").resolve("colloquy.db"));
                    var statement = connection.createStatement();
                    var rows = statement.executeQuery("PRAGMA integrity_check")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("ok");
            }
        }
    }
}
