package dev.colloquy.it.cli;

import static dev.colloquy.it.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.NewConversation;
import dev.colloquy.it.TestDatabases;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.ReadOnlyDatabase;
import dev.colloquy.semantic.VectorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * copy, verify, export and import between the backends, through the command line: data arrives
 * exactly, the source never changes, invalid rows are caught before the first row moves, a
 * killed copy resumes, and verification notices a single changed byte.
 */
class TransferCliTest {

    static final Map<String, String> NO_ENV = Map.of();
    static final List<String> TABLES =
            List.of("project", "tag", "api_token", "conversation", "conversation_tag", "message");

    static String source;
    static Path sourceFile;
    static String sourceExport;

    @BeforeAll
    static void fillSource() {
        source = TestDatabases.freshUrl("sqlite");
        sourceFile = Path.of(source.substring("sqlite:".length()));
        try (var db = Database.open(TestDatabases.settings(source))) {
            TransferData.fill(db);
        }
        CliTest.Run export = run(NO_ENV, "export", "--database-url", source);
        assertThat(export.code()).as(export.err()).isZero();
        sourceExport = export.out();
    }

    @Test
    void roundTripSqliteToPostgresToSqliteKeepsEveryByteAndEverySearch() throws Exception {
        assertThat(count(source, "message")).isGreaterThan(10_000);
        String before = sha256(sourceFile);
        String postgres = TestDatabases.freshUrl("postgres");
        String back = TestDatabases.freshUrl("sqlite");

        CliTest.Run there = run(NO_ENV, "copy", "--from", source, "--to", postgres);
        assertThat(there.code()).as(there.err()).isZero();
        assertThat(there.out()).contains("verified").doesNotContain("DIFFERENT");
        assertThat(sha256(sourceFile)).as("the source file's bytes").isEqualTo(before);

        CliTest.Run backAgain = run(NO_ENV, "copy", "--from", postgres, "--to", back);
        assertThat(backAgain.code()).as(backAgain.err()).isZero();

        assertThat(run(NO_ENV, "export", "--database-url", postgres).out()).isEqualTo(sourceExport);
        assertThat(run(NO_ENV, "export", "--database-url", back).out()).isEqualTo(sourceExport);
        assertThat(sourceExport.lines().filter(l -> l.startsWith("{\"type\":\"message\"")))
                .hasSizeGreaterThan(10_000);
        // keys and structured messages travel, in the export's own form
        assertThat(sourceExport).contains("\"clientKey\":\"app:user-0~Z(%41)\"");
        assertThat(sourceExport.lines().filter(l -> l.contains("\"extras\":{") && l.contains("\"textless\":true")))
                .hasSizeGreaterThan(50);
        assertThat(sourceExport.lines().filter(l -> l.contains("\"toolCalls\":[{")))
                .isNotEmpty();
        // a project's opting out of search by meaning travels with it
        assertThat(sourceExport.lines().filter(l -> l.startsWith("{\"type\":\"project\"")))
                .anySatisfy(l -> assertThat(l).contains("\"semanticSearch\":false"))
                .anySatisfy(l -> assertThat(l).contains("\"semanticSearch\":true"));

        var expected = searchSets(source);
        assertThat(expected.values().stream().filter(hits -> !hits.isEmpty())).hasSizeGreaterThan(20);
        assertThat(searchSets(postgres)).isEqualTo(expected);
        assertThat(searchSets(back)).isEqualTo(expected);
        assertThat(sha256(sourceFile)).isEqualTo(before);

        // the answers kept for idempotency keys travel too
        for (String url : List.of(postgres, back)) {
            try (var db = Database.open(TestDatabases.settings(url))) {
                var kept = TransferData.keptAnswer(db);
                assertThat(kept.replayed()).isTrue();
                assertThat(kept.body()).contains(TransferData.KEPT);
                assertThat(kept.location())
                        .hasValueSatisfying(l -> assertThat(l).startsWith("/v1/conversations/"));
            }
        }
        assertThat(sourceExport.lines().filter(l -> l.startsWith("{\"type\":\"idempotentRequest\"")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("\"idempotencyKey\":\"transfer-retry\""));
    }

    @Test
    void copyAndImportWriteTheirProgressAsPrometheusMetrics(@TempDir Path folder) throws Exception {
        String postgres = TestDatabases.freshUrl("postgres");
        Path copyMetrics = folder.resolve("copy.prom");
        CliTest.Run copied =
                run(NO_ENV, "copy", "--from", source, "--to", postgres, "--metrics-file", copyMetrics.toString());
        assertThat(copied.code()).as(copied.err()).isZero();
        String copy = Files.readString(copyMetrics);
        long messages = count(source, "message");
        assertThat(copy)
                .contains("colloquy_transfer_running{operation=\"copy\"} 0.0")
                .contains("colloquy_transfer_succeeded{operation=\"copy\"} 1.0")
                .contains("colloquy_transfer_rows_total{operation=\"copy\",step=\"copy\",table=\"message\"} "
                        + (double) messages)
                .contains("colloquy_transfer_rows_expected{operation=\"copy\",step=\"copy\",table=\"message\"} "
                        + (double) messages)
                .containsPattern("colloquy_transfer_end_time_seconds\\{operation=\"copy\"} 1\\.\\d+E9");

        String target = TestDatabases.freshUrl("sqlite");
        Path importMetrics = folder.resolve("import.prom");
        Path export = Files.writeString(folder.resolve("export.jsonl"), sourceExport);
        CliTest.Run imported = run(
                NO_ENV,
                "import",
                "--database-url",
                target,
                "--input",
                export.toString(),
                "--metrics-file",
                importMetrics.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(Files.readString(importMetrics))
                .contains("colloquy_transfer_succeeded{operation=\"import\"} 1.0")
                .contains("colloquy_transfer_running{operation=\"import\"} 0.0")
                .contains("operation=\"import\"");

        // a failed import ends as failed
        Path again = folder.resolve("again.prom");
        CliTest.Run refused = run(
                NO_ENV,
                "import",
                "--database-url",
                target,
                "--input",
                export.toString(),
                "--metrics-file",
                again.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(Files.readString(again))
                .contains("colloquy_transfer_succeeded{operation=\"import\"} 0.0")
                .contains("colloquy_transfer_running{operation=\"import\"} 0.0");

        Path verifyMetrics = folder.resolve("verify.prom");
        CliTest.Run verified =
                run(NO_ENV, "verify", "--from", source, "--to", target, "--metrics-file", verifyMetrics.toString());
        assertThat(verified.code()).as(verified.out()).isZero();
        assertThat(Files.readString(verifyMetrics)).contains("colloquy_transfer_succeeded{operation=\"verify\"} 1.0");
    }

    @Test
    void progressMetricsSettingsThatCannotWorkStopTheCommandNamingTheFlag(@TempDir Path folder) {
        String target = TestDatabases.freshUrl("sqlite");
        CliTest.Run badPort = run(NO_ENV, "copy", "--from", source, "--to", target, "--metrics-port", "70000");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(badPort.err()).contains("--metrics-port: must be between 0 and 65535, was 70000");
        CliTest.Run noFolder = run(
                NO_ENV,
                "export",
                "--database-url",
                source,
                "--metrics-file",
                folder.resolve("missing/export.prom").toString());
        assertThat(noFolder.code()).isEqualTo(2);
        assertThat(noFolder.err()).contains("--metrics-file: ");
        assertThat(noFolder.out()).as("nothing exported").isEmpty();
        assertThat(Path.of(target.substring("sqlite:".length())))
                .as("the target was not touched")
                .doesNotExist();
    }

    @Test
    void copyIntoATargetAServerWasStartedOnSaysWhatToDo() throws Exception {
        String target = TestDatabases.freshUrl("postgres");
        // What a first start leaves: the project 'default' and its admin token.
        CliTest.Run minted = run(
                Map.of("DATABASE_URL", target),
                "token",
                "create",
                "--project",
                "default",
                "--create-project",
                "--admin");
        assertThat(minted.code()).as(minted.toString()).isZero();
        CliTest.Run refused = run(NO_ENV, "copy", "--from", source, "--to", target);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .contains("what a server's first start creates")
                .contains("drop and re-create the database");
        assertThat(count(target, "message")).isZero();
    }

    @Test
    void copyIntoATargetHoldingDataIsRefusedAndChangesNothing() throws Exception {
        String target = TestDatabases.freshUrl("postgres");
        try (var db = Database.open(TestDatabases.settings(target))) {
            db.projects().create("already here");
        }
        CliTest.Run refused = run(NO_ENV, "copy", "--from", source, "--to", target);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .contains("already holds data")
                .contains("1 project")
                .contains("--resume");
        assertThat(count(target, "project")).isEqualTo(1);
        assertThat(count(target, "message")).isZero();
    }

    @Test
    void invalidSourceRowsStopTheCopyAtPreflightAndSkipInvalidCopiesTheRest(@TempDir Path folder) throws Exception {
        String dirty = TestDatabases.freshUrl("sqlite");
        String nul;
        String badJson;
        String badRole;
        String orphan = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
        try (var db = Database.open(TestDatabases.settings(dirty))) {
            var project = db.projects().create("dirty");
            var conversation =
                    db.conversations().create(project.id(), new NewConversation(Optional.of("t"), null, List.of("a")));
            var stored = db.messages()
                    .append(
                            project.id(),
                            conversation.id(),
                            List.of(
                                    NewMessage.of("user", "one"),
                                    NewMessage.of("user", "two"),
                                    NewMessage.of("user", "three"),
                                    NewMessage.of("user", "four")));
            nul = stored.get(0).id().toString();
            badJson = stored.get(1).id().toString();
            badRole = stored.get(2).id().toString();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:" + dirty);
                var statement = connection.createStatement()) {
            // What another tool, an old bug or a hand edit may leave in a file: the schema's checks
            // and foreign keys switched off for the session, so the rows get in.
            statement.execute("PRAGMA ignore_check_constraints = ON");
            statement.execute("PRAGMA foreign_keys = OFF");
            statement.execute("UPDATE message SET content = 'a' || char(0) || 'b' WHERE hex(id) = '" + hex(nul) + "'");
            statement.execute("UPDATE message SET metadata = '{\"broken\":' WHERE hex(id) = '" + hex(badJson) + "'");
            statement.execute("UPDATE message SET role = 'robot' WHERE hex(id) = '" + hex(badRole) + "'");
            statement.execute("INSERT INTO message (id, conversation_id, seq, role, content, search_text, metadata,"
                    + " created_at) VALUES (x'" + orphan + "', randomblob(16), 1, 'user', 'lost', 'lost', '{}', 0)");
        }
        String target = TestDatabases.freshUrl("postgres");

        CliTest.Run stopped = run(NO_ENV, "copy", "--from", dirty, "--to", target);
        assertThat(stopped.code()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.err())
                .contains("4 rows the target cannot accept; nothing was copied")
                .contains("message " + nul + ": content: contains a NUL character")
                .contains("message " + badJson + ": metadata: is not valid JSON")
                .contains("message " + badRole + ": role: unknown role 'robot'")
                .contains("refers to a conversation that is missing")
                .contains("--skip-invalid");
        for (String table : TABLES) {
            assertThat(count(target, table)).as(table).isZero();
        }

        Path skipped = folder.resolve("skipped.jsonl");
        CliTest.Run rest = run(
                NO_ENV,
                "copy",
                "--from",
                dirty,
                "--to",
                target,
                "--skip-invalid",
                "--skipped-file",
                skipped.toString());
        assertThat(rest.code()).as(rest.toString()).isZero();
        assertThat(rest.out()).contains("Skipped 4 invalid rows").contains("verified");
        List<String> lines = Files.readAllLines(skipped, StandardCharsets.UTF_8);
        assertThat(lines)
                .hasSize(4)
                .allSatisfy(line -> assertThat(line)
                        .contains("\"table\":\"message\"")
                        .contains("\"reason\"")
                        .contains("\"row\":["));
        assertThat(count(target, "message")).isEqualTo(1);
        assertThat(count(target, "conversation")).isEqualTo(1);
    }

    @Test
    void aCopyKilledMidwayResumesWithoutDuplicatesAndVerifies(@TempDir Path folder) throws Exception {
        String target = TestDatabases.freshUrl("postgres");
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.colloquy.app.Main",
                "copy",
                "--from",
                source,
                "--to",
                target,
                "--batch-size",
                "20");
        Process copy = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectOutput(folder.resolve("copy.out").toFile())
                .redirectError(folder.resolve("copy.err").toFile())
                .start();
        long total = count(source, "message");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        long copiedBeforeKill = 0;
        while (Instant.now().isBefore(deadline) && copy.isAlive()) {
            copiedBeforeKill = messagesIfMigrated(target);
            if (copiedBeforeKill > 0) {
                break;
            }
            Thread.sleep(5);
        }
        copy.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the copy itself
        copy.waitFor();
        long present = count(target, "message");
        assertThat(copiedBeforeKill)
                .as("the copy was killed while copying messages; its error output: "
                        + Files.readString(folder.resolve("copy.err")))
                .isPositive();
        assertThat(present).as("killed before the last message").isLessThan(total);

        CliTest.Run again = run(NO_ENV, "copy", "--from", source, "--to", target);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already holds data");

        CliTest.Run resumed = run(NO_ENV, "copy", "--from", source, "--to", target, "--resume");
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("verified");
        for (String table : TABLES) {
            assertThat(count(target, table)).as(table).isEqualTo(count(source, table));
        }
        assertThat(run(NO_ENV, "export", "--database-url", target).out()).isEqualTo(sourceExport);
    }

    @Test
    void verifyChecksEachSidesVectorsAgainstTheirMessagesWithoutComparingThem() throws Exception {
        String small = TestDatabases.freshUrl("sqlite");
        var model = new VectorModel("all-minilm-l6-v2-q", 384);
        try (var db = Database.open(TestDatabases.settings(small))) {
            var project = db.projects().create("vectors");
            var conversation = db.conversations().create(project.id(), NewConversation.empty());
            db.messages()
                    .append(
                            project.id(),
                            conversation.id(),
                            List.of(NewMessage.of("user", "first"), NewMessage.of("assistant", "second")));
            var claimed = db.embeddings().claim(model, 1, Duration.ofMinutes(1), Optional.empty());
            float[] vector = new float[384];
            vector[0] = 1;
            db.embeddings().store(model, Map.of(claimed.get(0).id(), vector));
        }
        String copy = TestDatabases.freshUrl("postgres");
        CliTest.Run copied = run(NO_ENV, "copy", "--from", small, "--to", copy);
        assertThat(copied.code()).as(copied.toString()).isZero();
        CliTest.Run verified = run(NO_ENV, "verify", "--from", small, "--to", copy);
        assertThat(verified.code()).as(verified.toString()).isZero();
        assertThat(verified.out())
                .contains("vectors --from 1 of all-minilm-l6-v2-q, messages waiting: 1 (derived: not compared)")
                .contains("vectors --to   0 of all-minilm-l6-v2-q, messages waiting: 2 (derived: not compared)")
                .contains("Every table matches");

        try (Connection connection = DriverManager.getConnection("jdbc:" + small);
                var statement = connection.createStatement()) {
            statement.execute("UPDATE message_embedding SET role = 'tool'");
        }
        CliTest.Run damaged = run(NO_ENV, "verify", "--from", small, "--to", copy);
        assertThat(damaged.code()).isEqualTo(1);
        assertThat(damaged.out())
                .contains("vectors --from 1 of all-minilm-l6-v2-q, messages waiting: 1, 1 INCONSISTENT with their"
                        + " messages");
        assertThat(damaged.err()).contains("Vectors disagree with their messages");
    }

    @Test
    void verifyNamesTheTableAndTheRowOfASingleChangedByte() throws Exception {
        String copy = TestDatabases.freshUrl("sqlite");
        assertThat(run(NO_ENV, "copy", "--from", source, "--to", copy).code()).isZero();
        CliTest.Run same = run(NO_ENV, "verify", "--from", source, "--to", copy);
        assertThat(same.code()).as(same.toString()).isZero();
        assertThat(same.out()).contains("Every table matches");

        String changed;
        try (Connection connection = DriverManager.getConnection("jdbc:" + copy);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT lower(hex(id)) FROM message WHERE content LIKE 'a%'"
                        + " ORDER BY id LIMIT 1 OFFSET 100")) {
            rows.next();
            changed = rows.getString(1);
            statement.execute(
                    "UPDATE message SET content = 'b' || substr(content, 2) WHERE lower(hex(id)) = '" + changed + "'");
        }
        CliTest.Run different = run(NO_ENV, "verify", "--from", source, "--to", copy);
        assertThat(different.code()).isEqualTo(1);
        assertThat(different.out())
                .containsPattern("message +\\d+ +\\d+ +\\w+ +\\w+ +DIFFERENT")
                .contains("differs: " + uuid(changed) + " (content)");
        assertThat(different.out().lines().filter(l -> l.endsWith("DIFFERENT"))).hasSize(1);
        assertThat(different.err()).contains("differ");

        String postgres = TestDatabases.freshUrl("postgres");
        assertThat(run(NO_ENV, "copy", "--from", source, "--to", postgres).code())
                .isZero();
        try (var db = ReadOnlyDatabase.open(TestDatabases.settings(postgres));
                Connection connection = writable(postgres);
                var statement = connection.createStatement()) {
            statement.execute("UPDATE api_token SET secret_hash = overlay(secret_hash placing"
                    + " (CASE WHEN substr(secret_hash, 5, 1) = 'a' THEN 'b' ELSE 'a' END) from 5 for 1)"
                    + " WHERE name = 'expiring'");
        }
        CliTest.Run token = run(NO_ENV, "verify", "--from", source, "--to", postgres);
        assertThat(token.code()).isEqualTo(1);
        assertThat(token.out())
                .containsPattern("api_token +\\d+ +\\d+ +\\w+ +\\w+ +DIFFERENT")
                .contains("(secret_hash)");
        assertThat(token.out().lines().filter(l -> l.endsWith("DIFFERENT"))).hasSize(1);
    }

    @Test
    void exportImportsIntoTheOtherKindAndVerifiesAndRefusesDuplicates(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("all.jsonl");
        Files.writeString(file, sourceExport, StandardCharsets.UTF_8);
        String postgres = TestDatabases.freshUrl("postgres");

        CliTest.Run imported = run(NO_ENV, "import", "--database-url", postgres, "--input", file.toString());
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("Imported 2 projects").contains("25 conversations");
        CliTest.Run verified = run(NO_ENV, "verify", "--from", source, "--to", postgres);
        assertThat(verified.code()).as(verified.toString()).isZero();

        CliTest.Run twice = run(NO_ENV, "import", "--database-url", postgres, "--input", file.toString());
        assertThat(twice.code()).isEqualTo(1);
        assertThat(twice.err())
                .contains("line 2 (project")
                .contains("exists in the")
                .contains("refuses duplicates");

        // and back: one project exported from the server, into a new file
        String sqlite = TestDatabases.freshUrl("sqlite");
        CliTest.Run one = run(NO_ENV, "export", "--database-url", postgres, "--project", "second ünïcode ✨");
        assertThat(one.code()).isZero();
        Path part = folder.resolve("second.jsonl");
        Files.writeString(part, one.out(), StandardCharsets.UTF_8);
        assertThat(run(NO_ENV, "import", "--database-url", sqlite, "--input", part.toString())
                        .code())
                .isZero();
        assertThat(run(NO_ENV, "export", "--database-url", sqlite).out()).isEqualTo(one.out());
        assertThat(count(sqlite, "project")).isEqualTo(1);
        assertThat(count(sqlite, "conversation")).isEqualTo(5);
    }

    static Map<String, Set<String>> searchSets(String url) {
        try (var db = Database.open(TestDatabases.settings(url))) {
            return TransferData.searchSets(db);
        }
    }

    static long count(String url, String table) throws SQLException {
        try (var db = ReadOnlyDatabase.open(TestDatabases.settings(url));
                Connection connection = db.dataSources().reader().getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The messages in a target a copy is filling, or 0 while its schema is not there yet. */
    static long messagesIfMigrated(String url) {
        try (Connection connection = writable(url);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM message")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    static Connection writable(String url) throws SQLException {
        var target = TestDatabases.settings(url).target();
        return DriverManager.getConnection(
                target.jdbcUrl(),
                target.user().orElse(null),
                target.password().isEmpty() ? null : target.password().reveal());
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(String uuid) {
        return uuid.replace("-", "").toUpperCase(Locale.ROOT);
    }

    static String uuid(String hex) {
        return hex.replaceFirst("(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5");
    }
}
