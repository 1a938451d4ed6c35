package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api;
import dev.colloquy.it.cli.ServeProcessTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite file cannot grow (the server process's file-size limit is lowered to one byte from
 * outside, with {@code prlimit}: every write of the database fails as on a full disk): writes are
 * answered 503 and store nothing, reads go on, and once the files can grow again the next write
 * is stored and answered 201, without a restart. Every answer agrees with what is stored.
 */
class SqliteStorageFailureTest {

    private static final String ADMIN = "cq_storage-failure-admin-token-0123456789";

    @Test
    void writesAnswer503WhileTheFileCannotGrowAndSucceedAgainWhenItCan(@TempDir Path directory) throws Exception {
        var server = ServeProcessTest.start(directory, Map.of("COLLOQUY_ADMIN_TOKEN", ADMIN), "storage");
        long pid = server.process().pid();
        String restore = fileSizeLimit(pid);
        var stored = new ArrayList<String>();
        try {
            Api api = new Api(server.uri());
            String id =
                    api.post("/v1/conversations", ADMIN, "{}").json().get("id").asText();
            String path = "/v1/conversations/" + id + "/messages";
            for (int i = 0; i < 3; i++) {
                assertThat(append(api, path, "before-" + i).status()).isEqualTo(201);
                stored.add("before-" + i);
            }

            setFileSizeLimit(pid, "1");
            for (int i = 0; i < 5; i++) {
                Api.Answer refused = append(api, path, "during-" + i);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.problemType()).isEqualTo("urn:colloquy:problem:unavailable");
                assertThat(refused.json().get("detail").asText())
                        .contains("could not write to its storage")
                        .contains("nothing was stored");
                assertThat(refused.header("Retry-After")).isNotNull();
            }
            assertThat(api.get("/health/live", null).status()).isEqualTo(200);
            assertThat(contents(api, path)).as("reads go on").containsExactlyElementsOf(stored);

            setFileSizeLimit(pid, restore);
            Api.Answer recovered = append(api, path, "after");
            assertThat(recovered.status()).as(recovered.toString()).isEqualTo(201);
            stored.add("after");
            assertThat(contents(api, path)).containsExactlyElementsOf(stored);
            var conversation = api.get("/v1/conversations/" + id, ADMIN).json();
            assertThat(conversation.get("messageCount").asInt()).isEqualTo(stored.size());
            var seqs = new ArrayList<Integer>();
            api.get(path, ADMIN)
                    .json()
                    .get("items")
                    .forEach(m -> seqs.add(m.get("seq").asInt()));
            assertThat(seqs).containsExactly(1, 2, 3, 4);
            assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
        } finally {
            if (server.process().isAlive()) {
                setFileSizeLimit(pid, restore);
            }
            ServeProcessTest.stop(server);
            assertThat(server.stderr()).contains("Stopped");
        }
        try (var connection = DriverManager.getConnection(
                        "jdbc:sqlite:" + directory.resolve("data").resolve("colloquy.db"));
                var statement = connection.createStatement();
                var rows = statement.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("ok");
        }
    }

    private static Api.Answer append(Api api, String path, String content) {
        return api.post(path, ADMIN, "{\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}");
    }

    private static List<String> contents(Api api, String path) {
        var contents = new ArrayList<String>();
        api.get(path, ADMIN)
                .json()
                .get("items")
                .forEach(m -> contents.add(m.get("content").asText()));
        return contents;
    }

    /** The process's soft limit on the size of a file it writes, as prlimit prints it. */
    private static String fileSizeLimit(long pid) throws IOException, InterruptedException {
        return prlimit(pid, "--fsize", "--output", "SOFT", "--noheadings").strip();
    }

    private static void setFileSizeLimit(long pid, String soft) throws IOException, InterruptedException {
        prlimit(pid, "--fsize=" + soft + ":");
    }

    private static String prlimit(long pid, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("prlimit", "--pid", String.valueOf(pid)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("prlimit %s: %s", command, output).isZero();
        return output;
    }
}
