package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.colloquy.it.api.Api;
import dev.colloquy.it.cli.ServeProcessTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system under the SQLite file fails while four clients append: an ext4 file system on a
 * loop device, mounted with {@code errors=remount-ro}, is made to fail by the kernel's own hook
 * ({@code /sys/fs/ext4/DEVICE/trigger_fs_error}), which forces it read-only at once, as a disk
 * error would. From then on every write is answered 503 (never 500), reads and {@code
 * /health/live} go on; after the file system is checked ({@code e2fsck}) and mounted again, every
 * append that was answered 201 is there ({@code synchronous=FULL}), counters equal rows, {@code
 * seq} has no gap and {@code integrity_check} is ok.
 *
 * <p>It needs root (to mount), {@code mkfs.ext4}, {@code e2fsck} and a loop device; without them
 * it is skipped, and says so.
 */
class SqliteFileSystemErrorTest {

    private static final String ADMIN = "cq_file-system-error-admin-token-0123456789";
    private static final int WRITERS = 4;

    @Test
    void aFileSystemForcedReadOnlyUnderLoadLosesNoAcknowledgedWriteAndAnswersNo500(@TempDir Path directory)
            throws Exception {
        assumeTrue(canMount(), "needs root, mkfs.ext4, e2fsck and loop devices (mount -o loop)");
        Path image = directory.resolve("fs.img");
        Path data = Files.createDirectory(directory.resolve("data"));
        run("truncate", "-s", "96M", image.toString());
        run("mkfs.ext4", "-q", "-F", image.toString());
        run("mount", "-o", "loop,errors=remount-ro", image.toString(), data.toString());
        boolean mounted = true;
        try {
            String device =
                    run("findmnt", "-n", "-o", "SOURCE", data.toString()).strip();
            Path trigger = Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "trigger_fs_error");
            assertThat(trigger).as("the ext4 error hook of " + device).exists();

            var server = ServeProcessTest.start(directory, Map.of("COLLOQUY_ADMIN_TOKEN", ADMIN), "fs-error");
            Api api = new Api(server.uri());
            var conversations = new ArrayList<String>();
            for (int w = 0; w < WRITERS; w++) {
                conversations.add(api.post("/v1/conversations", ADMIN, "{}")
                        .json()
                        .get("id")
                        .asText());
            }
            var acknowledged = new ConcurrentHashMap<String, List<String>>();
            var refusedStatuses = Collections.synchronizedList(new ArrayList<String>());
            var failed = new AtomicBoolean();
            var stop = new AtomicBoolean();
            var writers = new ArrayList<Thread>();
            for (int w = 0; w < WRITERS; w++) {
                String conversation = conversations.get(w);
                acknowledged.put(conversation, Collections.synchronizedList(new ArrayList<>()));
                int writer = w;
                var thread = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String content = "w" + writer + "-" + i;
                        Api.Answer answer = api.post(
                                "/v1/conversations/" + conversation + "/messages",
                                ADMIN,
                                "{\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}");
                        if (answer.status() == 201) {
                            acknowledged.get(conversation).add(content);
                        } else {
                            refusedStatuses.add(
                                    answer.status() + " " + answer.problemType() + " " + answer.header("Retry-After"));
                            if (failed.get()) {
                                sleep(50);
                            }
                        }
                    }
                });
                writers.add(thread);
                thread.start();
            }
            Thread.sleep(1500);
            Files.writeString(trigger, "colloquy test\n");
            failed.set(true);
            Thread.sleep(1500);
            // reads and liveness go on while nothing can be written
            assertThat(api.get("/health/live", null).status()).isEqualTo(200);
            var read = api.get("/v1/conversations/" + conversations.get(0) + "/messages?last=5", ADMIN);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            Thread.sleep(500);
            stop.set(true);
            for (var thread : writers) {
                thread.join(30_000);
            }
            ServeProcessTest.stop(server);
            String log = server.stderr();

            assertThat(acknowledged.values().stream().mapToInt(List::size).sum())
                    .as("appends answered 201 before the failure")
                    .isPositive();
            assertThat(refusedStatuses)
                    .as("the failure was seen by the clients")
                    .isNotEmpty();
            assertThat(refusedStatuses)
                    .as("every refusal is a 503 'unavailable' problem with Retry-After")
                    .allSatisfy(s -> assertThat(s)
                            .startsWith("503 urn:colloquy:problem:unavailable ")
                            .doesNotEndWith(" null"));
            assertThat(log).doesNotContain("Request failed (error id");
            System.out.printf(
                    "file system error under %d writers: %d appends answered 201, %d answered 503%n",
                    WRITERS, acknowledged.values().stream().mapToInt(List::size).sum(), refusedStatuses.size());

            run("umount", data.toString());
            mounted = false;
            String checked = runAllowing(List.of(0, 1), "e2fsck", "-f", "-y", image.toString());
            run("mount", "-o", "loop", image.toString(), data.toString());
            mounted = true;
            try (var connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("colloquy.db"));
                    var statement = connection.createStatement()) {
                try (var rows = statement.executeQuery("PRAGMA integrity_check")) {
                    rows.next();
                    assertThat(rows.getString(1)).as("after e2fsck: " + checked).isEqualTo("ok");
                }
                for (String conversation : conversations) {
                    var stored = new LinkedHashMap<Integer, String>();
                    try (var rows = statement.executeQuery(
                            "SELECT m.seq, m.content FROM message m JOIN conversation c ON c.id = m.conversation_id"
                                    + " WHERE lower(hex(c.id)) = '" + conversation.replace("-", "") + "'"
                                    + " ORDER BY m.seq")) {
                        while (rows.next()) {
                            stored.put(rows.getInt(1), rows.getString(2));
                        }
                    }
                    var acked = List.copyOf(acknowledged.get(conversation));
                    assertThat(stored.values())
                            .as("every acknowledged append of %s is on disk", conversation)
                            .containsAll(acked);
                    assertThat(stored.keySet())
                            .as("seq has no gap")
                            .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, stored.size())
                                    .boxed()
                                    .toList());
                    try (var rows = statement.executeQuery("SELECT message_count FROM conversation"
                            + " WHERE lower(hex(id)) = '" + conversation.replace("-", "") + "'")) {
                        rows.next();
                        assertThat(rows.getInt(1))
                                .as("the counter equals the rows")
                                .isEqualTo(stored.size());
                    }
                }
            }
        } finally {
            if (mounted) {
                runAllowing(List.of(0, 1, 32), "umount", "-l", data.toString());
            }
        }
    }

    private static boolean canMount() {
        try {
            return run("id", "-u").strip().equals("0")
                    && Files.isExecutable(Path.of("/usr/sbin/mkfs.ext4"))
                    && Files.isExecutable(Path.of("/usr/sbin/e2fsck"))
                    && Files.exists(Path.of("/dev/loop-control"));
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return runAllowing(List.of(0), command);
    }

    private static String runAllowing(List<Integer> codes, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(codes)
                .as("%s exited with %d: %s", List.of(command), process.exitValue(), output)
                .contains(process.exitValue());
        return output;
    }
}
