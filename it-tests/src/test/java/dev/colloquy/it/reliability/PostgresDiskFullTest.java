package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api;
import dev.colloquy.it.api.ServerFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's data disk fills up: Colloquy's database lives in a tablespace on a small ext4 file
 * system of its own (PostgreSQL's write-ahead log stays on another disk, as a separate WAL volume
 * would), which a file then fills to the last few hundred kilobytes. Appends go on until a table
 * cannot grow; from then each is answered 503 ({@code disk_full}) and stores nothing, reads and
 * health go on, and once the file is removed the next append is stored and answered 201 without
 * restarting anything. Every 201 is stored once, no refused message is, counters equal rows.
 *
 * <p>It needs root, {@code mkfs.ext4} and loop devices, and fails naming them where they are
 * missing (it is never skipped).
 */
class PostgresDiskFullTest {

    /** Random words: text that neither compression nor the search index makes small. */
    private static String words(Random random, int count) {
        var text = new StringBuilder();
        for (int w = 0; w < count; w++) {
            for (int c = 5 + random.nextInt(4); c > 0; c--) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append(' ');
        }
        return text.toString().strip();
    }

    @Test
    void aFullDataDiskAnswers503AndTheFirstWriteAfterSpaceReturnsIsStored(@TempDir Path directory) throws Exception {
        LoopFileSystem.require();
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var disk = LoopFileSystem.create(directory.resolve("disk.img"), directory.resolve("disk"), "24M", "rw");
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(directory.resolve("pgdata"))
                        .setPort(port)
                        .start()) {
            Path space = Files.createDirectory(disk.mountPoint().resolve("space"));
            // the tablespace's folder belongs to whoever runs the PostgreSQL server
            Files.setOwner(space, Files.getOwner(directory.resolve("pgdata")));
            try (Connection admin = pg.getPostgresDatabase().getConnection();
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE TABLESPACE small LOCATION '" + space + "'");
                statement.execute("CREATE DATABASE colloquy TABLESPACE small");
            }
            String url = "postgres://postgres@localhost:" + port + "/colloquy";
            try (var server = ServerFixture.onDatabase(url, Map.of())) {
                Api api = server.api();
                String token = server.target().token();
                String conversation = server.target().conversationId();
                String path = "/v1/conversations/" + conversation + "/messages";
                int before = api.allMessages(conversation, token).size();

                // fill the disk but for about 256 KiB
                Path filler = disk.mountPoint().resolve("filler");
                long free = Files.getFileStore(disk.mountPoint()).getUsableSpace();
                LoopFileSystem.run("fallocate", "-l", Long.toString(free - 256 * 1024), filler.toString());

                var random = new Random(42);
                var acknowledged = new ArrayList<String>();
                var refused = new ArrayList<Api.Answer>();
                for (int i = 0; i < 400 && refused.size() < 3; i++) {
                    String content = i + " " + words(random, 3_000);
                    var answer = api.post(
                            path, token, "{\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}");
                    if (answer.status() == 201) {
                        acknowledged.add(content);
                    } else {
                        refused.add(answer);
                    }
                }
                assertThat(refused).as("the disk filled up").hasSize(3);
                assertThat(refused).allSatisfy(answer -> {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                    assertThat(answer.problemType()).isEqualTo("urn:colloquy:problem:unavailable");
                    assertThat(answer.json().get("detail").asText())
                            .contains("could not write to its storage")
                            .contains("nothing was stored");
                    assertThat(answer.header("Retry-After")).isNotNull();
                });
                assertThat(api.get("/health/live", null).status()).isEqualTo(200);
                assertThat(api.get(path + "?last=1", token).status())
                        .as("reads go on")
                        .isEqualTo(200);

                Files.delete(filler);
                var recovered = api.post(path, token, "{\"messages\":[{\"role\":\"user\",\"content\":\"after\"}]}");
                assertThat(recovered.status()).as(recovered.toString()).isEqualTo(201);
                acknowledged.add("after");

                List<String> stored = api.allMessages(conversation, token).stream()
                        .skip(before)
                        .map(m -> m.get("content").asText())
                        .toList();
                assertThat(stored).as("every 201 once, and nothing refused").containsExactlyElementsOf(acknowledged);
                var seqs = api.allMessages(conversation, token).stream()
                        .map(m -> m.get("seq").asInt())
                        .toList();
                assertThat(seqs)
                        .as("seq has no gap")
                        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, seqs.size())
                                .boxed()
                                .toList());
                assertThat(api.get("/v1/conversations/" + conversation, token)
                                .json()
                                .get("messageCount")
                                .asInt())
                        .isEqualTo(seqs.size());
                assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
                System.out.printf(
                        "PostgreSQL data disk full: %d appends answered 201 before it filled, then 503 x%d; the"
                                + " first append after space returned: %d%n",
                        acknowledged.size() - 1, refused.size(), recovered.status());
            }
        }
    }
}
