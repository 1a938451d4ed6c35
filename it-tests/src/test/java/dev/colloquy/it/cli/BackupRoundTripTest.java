package dev.colloquy.it.cli;

import static dev.colloquy.it.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.TestDatabases;
import dev.colloquy.it.api.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken from a live server under appends is a ready-to-use Colloquy database: every
 * command reads it, it is a valid source of {@code copy}, and reading it never writes to it,
 * whatever its journal mode.
 */
class BackupRoundTripTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void backupOfALiveServerIsCopiedVerifiedAndExportedWithoutBeingWritten(@TempDir Path folder) throws Exception {
        Path backup = folder.resolve("backup.db");
        try (var server = new ServerFixture("sqlite")) {
            var target = server.target();
            var stop = new AtomicBoolean();
            var appended = new AtomicInteger();
            var appender = Executors.newSingleThreadExecutor();
            appender.submit(() -> {
                while (!stop.get()) {
                    var answer = server.api()
                            .post(
                                    "/v1/conversations/" + target.conversationId() + "/messages",
                                    target.token(),
                                    "{\"messages\":[{\"role\":\"user\",\"content\":\"under backup " + appended.get()
                                            + "\"}]}");
                    assertThat(answer.status()).isEqualTo(201);
                    appended.incrementAndGet();
                }
                return null;
            });
            while (appended.get() < 20) {
                Thread.sleep(20);
            }
            CliTest.Run taken = run(Map.of("DATABASE_URL", server.url()), "backup", "--to", backup.toString());
            int atBackup = appended.get();
            while (appended.get() < atBackup + 20) {
                Thread.sleep(20);
            }
            stop.set(true);
            appender.shutdown();
            assertThat(appender.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(taken.code()).as(taken.toString()).isZero();
        }

        String source = "sqlite:" + backup;
        String before = sha256(backup);
        String postgres = TestDatabases.freshUrl("postgres");
        CliTest.Run copied = run(NO_ENV, "copy", "--from", source, "--to", postgres);
        assertThat(copied.code()).as(copied.toString()).isZero();
        CliTest.Run verified = run(NO_ENV, "verify", "--from", source, "--to", postgres);
        assertThat(verified.code()).as(verified.toString()).isZero();
        CliTest.Run exported = run(NO_ENV, "export", "--database-url", source);
        assertThat(exported.code()).as(exported.toString()).isZero();
        assertThat(exported.out()).contains("under backup 0");
        assertThat(run(NO_ENV, "export", "--database-url", postgres).out()).isEqualTo(exported.out());
        assertThat(sha256(backup)).as("reading the backup never writes to it").isEqualTo(before);

        // A file in another journal mode (a backup made by another tool, say) is read as it is.
        Path rollbackJournal = folder.resolve("rollback-journal.db");
        Files.copy(backup, rollbackJournal);
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + rollbackJournal);
                var statement = connection.createStatement();
                var mode = statement.executeQuery("PRAGMA journal_mode = DELETE")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualTo("delete");
        }
        String rollbackBefore = sha256(rollbackJournal);
        CliTest.Run againstIt = run(NO_ENV, "verify", "--from", "sqlite:" + rollbackJournal, "--to", postgres);
        assertThat(againstIt.code()).as(againstIt.toString()).isZero();
        assertThat(run(NO_ENV, "export", "--database-url", "sqlite:" + rollbackJournal)
                        .out())
                .isEqualTo(exported.out());
        assertThat(sha256(rollbackJournal)).isEqualTo(rollbackBefore);
        assertThat(folder.resolve("rollback-journal.db-wal")).doesNotExist();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
