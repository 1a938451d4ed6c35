package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.TestDatabases;
import dev.colloquy.it.api.Api;
import dev.colloquy.it.cli.ServeProcessTest;
import dev.colloquy.it.cli.ServeProcessTest.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code colloquy serve} processes started at once on one new PostgreSQL database, as a
 * deployment with several instances runs: one of them migrates and exactly one first-start token
 * exists; appends through all three to the same conversations are each stored once, with gap-free
 * sequence numbers and counters equal to the rows; what one instance writes another reads at once;
 * a token revoked through one instance is refused by the others on the very next request.
 */
class SeveralInstancesTest {

    private static final String ADMIN = "cq_several-instances-admin-0123456789ab";

    @Test
    void threeInstancesOnOnePostgresDatabaseActAsOne(@TempDir Path directory) throws Exception {
        var env = Map.of("DATABASE_URL", TestDatabases.freshUrl("postgres"), "COLLOQUY_ADMIN_TOKEN", ADMIN);
        var starting = Executors.newFixedThreadPool(3);
        var servers = new ArrayList<Server>();
        try {
            var started = starting.invokeAll(IntStream.range(0, 3)
                    .<Callable<Server>>mapToObj(i -> () -> ServeProcessTest.start(directory, env, "instance-" + i))
                    .toList());
            for (var server : started) {
                servers.add(server.get());
            }
            var apis = servers.stream().map(s -> new Api(s.uri())).toList();

            // One schema, one first-start token: the admin token of the environment works everywhere.
            for (var api : apis) {
                assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
                assertThat(api.get("/v1/conversations", ADMIN).status()).isEqualTo(200);
            }
            int migrated = 0;
            for (var server : servers) {
                migrated += server.stderr().matches("(?s).*Applied \\d+ schema migration\\(s\\).*") ? 1 : 0;
            }
            assertThat(migrated)
                    .as("exactly one instance migrates the new database")
                    .isEqualTo(1);

            // Appends through all three to two conversations: every batch stored once, in order.
            var ids = List.of(created(apis.get(0)), created(apis.get(1)));
            var writers = Executors.newFixedThreadPool(6);
            var tasks = new ArrayList<Callable<Integer>>();
            for (int w = 0; w < 6; w++) {
                Api api = apis.get(w % 3);
                String id = ids.get(w % 2);
                tasks.add(() -> {
                    int ok = 0;
                    for (int i = 0; i < 15; i++) {
                        var answer = api.post(
                                "/v1/conversations/" + id + "/messages",
                                ADMIN,
                                "{\"messages\":[{\"role\":\"user\",\"content\":\"a" + i
                                        + "\"},{\"role\":\"assistant\",\"content\":\"b" + i + "\"}]}");
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                        ok++;
                    }
                    return ok;
                });
            }
            int batches = 0;
            for (var future : writers.invokeAll(tasks)) {
                batches += future.get();
            }
            writers.shutdown();
            assertThat(batches).isEqualTo(90);
            for (int c = 0; c < 2; c++) {
                // Read through the third instance, which wrote a third of it.
                var seqs = apis.get(2).allMessages(ids.get(c), ADMIN).stream()
                        .map(m -> m.get("seq").asInt())
                        .toList();
                assertThat(seqs)
                        .containsExactlyElementsOf(
                                IntStream.rangeClosed(1, 90).boxed().toList());
                var conversation = apis.get(1).get("/v1/conversations/" + ids.get(c), ADMIN);
                assertThat(conversation.json().get("messageCount").asInt()).isEqualTo(90);
            }

            // A token issued through one instance works on every one; revoked, it is refused at once.
            String project = apis.get(0)
                    .post("/v1/projects", ADMIN, "{\"name\":\"shared\"}")
                    .json()
                    .get("id")
                    .asText();
            var issued = apis.get(1).post("/v1/projects/" + project + "/tokens", ADMIN, "{\"name\":\"app\"}");
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            String secret = issued.json().get("secret").asText();
            for (var api : apis) {
                assertThat(api.get("/v1/conversations", secret).status()).isEqualTo(200);
            }
            assertThat(apis.get(2)
                            .delete("/v1/tokens/" + issued.json().get("id").asText(), ADMIN)
                            .status())
                    .isEqualTo(204);
            for (var api : apis) {
                assertThat(api.get("/v1/conversations", secret).status())
                        .as("revoked through another instance")
                        .isEqualTo(401);
            }
        } finally {
            starting.shutdownNow();
            for (var server : servers) {
                ServeProcessTest.stop(server);
            }
        }
    }

    private static String created(Api api) {
        var answer = api.post("/v1/conversations", ADMIN, "{\"title\":\"shared\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("id").asText();
    }
}
