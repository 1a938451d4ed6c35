package dev.colloquy.it.cli;

import static dev.colloquy.it.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite path that can never work stops every command at once with a line saying what to fix,
 * instead of being retried as if the database were down, or served while every write fails.
 */
class UnusableSqlitePathTest {

    /** Runs {@code serve} and the other commands with a bound, so that a server that starts fails the test. */
    private static CliTest.Run bounded(Map<String, String> env, String... args) throws Exception {
        var future = CompletableFuture.supplyAsync(() -> run(env, args));
        return future.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aFolderGivenAsTheDatabaseIsAConfigurationError(@TempDir Path folder) throws Exception {
        CliTest.Run serve = bounded(Map.of("DATABASE_PATH", folder.toString(), "HTTP_PORT", "0"), "serve");
        assertThat(serve.code()).as(serve.toString()).isEqualTo(2);
        assertThat(serve.err()).contains("DATABASE_PATH: '" + folder + "' is a folder");
        CliTest.Run viaUrl = bounded(Map.of("DATABASE_URL", "sqlite:" + folder), "migrate");
        assertThat(viaUrl.code()).isEqualTo(2);
        assertThat(viaUrl.err()).startsWith("DATABASE_URL: ");
    }

    @Test
    void aReadOnlyFileIsRefusedForWritingAndStillRead() throws Exception {
        String url = TestDatabases.freshUrl("sqlite");
        Path file = Path.of(url.substring("sqlite:".length()));
        assertThat(run(Map.of("DATABASE_URL", url), "migrate").code()).isZero();
        // As root, file modes do not stop a write; the immutable attribute does.
        immutable(file, true);
        try {
            CliTest.Run serve = bounded(Map.of("DATABASE_URL", url, "HTTP_PORT", "0"), "serve");
            assertThat(serve.code()).as(serve.toString()).isEqualTo(3);
            assertThat(serve.err())
                    .contains("cannot be written")
                    .contains("the SQLite file " + file + " is read-only")
                    .doesNotContain("connection");
            CliTest.Run token = bounded(Map.of("DATABASE_URL", url), "token", "list");
            assertThat(token.code()).isEqualTo(3);
            CliTest.Run check = bounded(Map.of("DATABASE_URL", url), "check");
            assertThat(check.code()).as(check.toString()).isZero();
            CliTest.Run export = bounded(Map.of(), "export", "--database-url", url);
            assertThat(export.code()).as(export.toString()).isZero();
        } finally {
            immutable(file, false);
        }
    }

    @Test
    void aFileThatCannotBeCreatedIsRefusedAtOnce(@TempDir Path folder) throws Exception {
        Path locked = Files.createDirectory(folder.resolve("locked"));
        immutable(locked, true);
        try {
            CliTest.Run migrate =
                    bounded(Map.of("DATABASE_PATH", locked.resolve("c.db").toString()), "migrate");
            assertThat(migrate.code()).as(migrate.toString()).isEqualTo(3);
            assertThat(migrate.err()).contains("cannot create the SQLite file").contains("read-only");
            assertThat(locked.resolve("c.db")).doesNotExist();
        } finally {
            immutable(locked, false);
        }
    }

    @Test
    void aFileInTheWayOfTheFolderIsRefusedAtOnce(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        CliTest.Run migrate =
                bounded(Map.of("DATABASE_PATH", file.resolve("sub/c.db").toString()), "migrate");
        assertThat(migrate.code()).as(migrate.toString()).isEqualTo(3);
        assertThat(migrate.err()).contains("cannot create the folder " + file.resolve("sub"));
    }

    @Test
    void aNewFileIsAnnounced(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("new.db");
        var captured = new ByteArrayOutputStream();
        var appender = LogCapture.attach(captured);
        try {
            assertThat(run(Map.of("DATABASE_PATH", file.toString()), "migrate").code())
                    .isZero();
        } finally {
            LogCapture.detach(appender);
        }
        assertThat(captured.toString()).contains("Creating a new SQLite database at " + file);
    }

    private static void immutable(Path path, boolean on) throws Exception {
        Process chattr = new ProcessBuilder("chattr", on ? "+i" : "-i", path.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(chattr.getInputStream().readAllBytes());
        assertThat(chattr.waitFor()).as("chattr on %s: %s", path, said).isZero();
    }
}
