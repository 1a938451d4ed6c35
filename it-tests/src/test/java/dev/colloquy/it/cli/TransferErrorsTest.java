package dev.colloquy.it.cli;

import static dev.colloquy.it.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.it.TestDatabases;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a transfer command is misused gets one clear line, the right exit code, and writes nothing. */
class TransferErrorsTest {

    static final Map<String, String> NO_ENV = Map.of();
    /** Version 1, which this build still reads: the import cases below prove it. */
    static final String HEADER = "{\"format\":\"colloquy-export\",\"version\":1}";

    static final String PROJECT =
            "{\"type\":\"project\",\"id\":\"01900000-0000-7000-8000-000000000001\",\"name\":\"p\",\"createdAt\":\"2026-01-01T00:00:00.000Z\"}";
    static final String TAG =
            "{\"type\":\"tag\",\"id\":\"01900000-0000-7000-8000-000000000002\",\"projectId\":\"01900000-0000-7000-8000-000000000001\",\"name\":\"a\"}";

    static String conversation(int count, int lastSeq, String tags) {
        return "{\"type\":\"conversation\",\"id\":\"01900000-0000-7000-8000-000000000003\","
                + "\"projectId\":\"01900000-0000-7000-8000-000000000001\",\"title\":null,\"metadata\":{},\"tags\":"
                + tags + ",\"messageCount\":" + count + ",\"lastSeq\":" + lastSeq
                + ",\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"updatedAt\":\"2026-01-01T00:00:00.000Z\",\"version\":0}";
    }

    static String message(String conversation, int seq) {
        return "{\"type\":\"message\",\"id\":\"01900000-0000-7000-8000-00000000010" + seq + "\",\"conversationId\":\""
                + conversation + "\",\"seq\":" + seq
                + ",\"role\":\"user\",\"content\":\"hi\",\"metadata\":{},\"createdAt\":\"2026-01-01T00:00:00.000Z\"}";
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "copy --from nosuch://x --to sqlite::memory:|--from: unsupported URL",
                "copy --from sqlite::memory: --to mysql://x|--to: unsupported URL",
                "copy --from sqlite:/tmp/a.db --to sqlite:/tmp/a.db|--to: names the same database as --from",
                "copy --from sqlite:/tmp/a.db --to sqlite:/tmp/b.db --batch-size 0|--batch-size: must be between 1",
                "verify --from sqlite:/tmp/a.db --to sqlite:/tmp/a.db|--to: names the same database",
                "copy --to sqlite:/tmp/b.db|Missing required option: '--from=URL'",
            })
    void usageMistakesExitWithTwoAndNameTheFlag(String args, String message) {
        CliTest.Run result = run(NO_ENV, args.split(" "));
        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains(message);
    }

    @Test
    void aMissingSourceFileIsNeitherCreatedNorCopied(@TempDir Path folder) {
        Path missing = folder.resolve("missing.db");
        CliTest.Run result =
                run(NO_ENV, "copy", "--from", "sqlite:" + missing, "--to", "sqlite:" + folder.resolve("target.db"));
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("the SQLite file " + missing + " does not exist");
        assertThat(missing).doesNotExist();
        assertThat(folder.resolve("target.db")).doesNotExist();
    }

    @Test
    void aSourceAtAnotherSchemaVersionIsRefusedWithAdvice(@TempDir Path folder) throws Exception {
        Path empty = folder.resolve("empty.db");
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + empty);
                var statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("CREATE TABLE unrelated (x)");
        }
        CliTest.Run result =
                run(NO_ENV, "copy", "--from", "sqlite:" + empty, "--to", "sqlite:" + folder.resolve("t.db"));
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err())
                .contains("the database of --from")
                .contains("has schema version none, this build 7")
                .contains("migrate it first");
        assertThat(folder.resolve("t.db")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|line 1 is not valid JSON",
                "{\"format\":\"other\"}|line 1 is not a Colloquy export header",
                "{\"format\":\"colloquy-export\",\"version\":5}|line 1 is version 5 of the export format; this build"
                        + " reads versions 1 to 4",
            })
    void importRefusesWhatIsNotAnExport(String first, String message, @TempDir Path folder) throws Exception {
        String url = TestDatabases.freshUrl("sqlite");
        Path file = folder.resolve("in.jsonl");
        Files.writeString(file, first + "\n" + PROJECT + "\n", StandardCharsets.UTF_8);
        CliTest.Run result = run(NO_ENV, "import", "--database-url", url, "--input", file.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains(message);
        assertProjects(url, 0);
    }

    @Test
    void importChecksEveryLineAndStopsAtTheFirstBadOneKeepingWholeConversations(@TempDir Path folder) throws Exception {
        String conversationId = "01900000-0000-7000-8000-000000000003";
        var cases = Map.of(
                "line 2 unknown field 'colour'",
                List.of(PROJECT.replace("}", ",\"colour\":\"red\"}")),
                "line 4 (conversation 01900000-0000-7000-8000-000000000003) has tag \"b\", which no tag line",
                List.of(PROJECT, TAG, conversation(0, 0, "[\"b\"]")),
                "line 5 (message 01900000-0000-7000-8000-000000000101) conversation_id"
                        + " 01900000-0000-7000-8000-000000000009 refers to a conversation that is missing",
                List.of(PROJECT, TAG, conversation(0, 0, "[]"), message("01900000-0000-7000-8000-000000000009", 1)),
                "line 6 (message 01900000-0000-7000-8000-000000000101) does not follow its conversation",
                List.of(
                        PROJECT,
                        TAG,
                        conversation(0, 0, "[]"),
                        conversation(0, 0, "[]").replace("000000000003", "000000000004"),
                        message(conversationId, 1)),
                "line 4: conversation 01900000-0000-7000-8000-000000000003 has messageCount 2 but 1 message lines",
                List.of(PROJECT, TAG, conversation(2, 2, "[\"a\"]"), message(conversationId, 1)),
                "has seq 2, above its conversation's lastSeq 1",
                List.of(PROJECT, TAG, conversation(2, 1, "[]"), message(conversationId, 1), message(conversationId, 2)),
                "line 2 (tag 01900000-0000-7000-8000-000000000002) project_id 01900000-0000-7000-8000-000000000001"
                        + " refers to a project that is missing",
                List.of(TAG),
                "content: contains a NUL character",
                List.of(
                        PROJECT,
                        TAG,
                        conversation(1, 1, "[]"),
                        message(conversationId, 1).replace("hi", "h\\u0000i")),
                "field 'createdAt' is not an ISO-8601 UTC instant",
                List.of(PROJECT.replace("2026-01-01T00:00:00.000Z", "yesterday")),
                "line 5 (idempotentRequest 01900000-0000-7000-8000-000000000201) token_id"
                        + " 01900000-0000-7000-8000-000000000009 refers to a api_token that is missing",
                List.of(
                        PROJECT,
                        TAG,
                        conversation(0, 0, "[]"),
                        "{\"type\":\"idempotentRequest\",\"id\":\"01900000-0000-7000-8000-000000000201\","
                                + "\"tokenId\":\"01900000-0000-7000-8000-000000000009\",\"idempotencyKey\":\"k\","
                                + "\"fingerprint\":\"f\",\"conversationId\":\"" + conversationId + "\","
                                + "\"status\":201,\"location\":null,\"body\":\"{}\","
                                + "\"createdAt\":\"2026-01-01T00:00:00.000Z\"}"));
        for (var entry : cases.entrySet()) {
            String url = TestDatabases.freshUrl("sqlite");
            Path file = folder.resolve("case-" + Math.abs(entry.getKey().hashCode()) + ".jsonl");
            Files.writeString(file, HEADER + "\n" + String.join("\n", entry.getValue()) + "\n", StandardCharsets.UTF_8);
            CliTest.Run result = run(NO_ENV, "import", "--database-url", url, "--input", file.toString());
            assertThat(result.code()).as(entry.getKey()).isEqualTo(1);
            assertThat(result.err())
                    .as(result.toString())
                    .contains(entry.getKey())
                    .contains("Imported before it:");
            try (var db = Database.open(TestDatabases.settings(url))) {
                assertThat(db.retention().counts().messages())
                        .as("no message of a refused conversation")
                        .isZero();
            }
        }
    }

    /**
     * Conversations share a transaction (a group); when the target refuses one of them, the
     * error names that conversation's line, the conversations before it stay imported and
     * nothing of it or after it is.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aConversationTheTargetRefusesInsideAGroupIsNamedAndThoseBeforeItStay(String backend, @TempDir Path folder)
            throws Exception {
        String url = TestDatabases.freshUrl(backend);
        String taken = "01900000-0000-7000-8000-000000000101";
        Path first = folder.resolve("first.jsonl");
        Files.writeString(
                first,
                String.join(
                                "\n",
                                HEADER,
                                PROJECT,
                                TAG,
                                conversation(1, 1, "[]"),
                                message("01900000-0000-7000-8000-000000000003", 1))
                        + "\n",
                StandardCharsets.UTF_8);
        assertThat(run(NO_ENV, "import", "--database-url", url, "--input", first.toString())
                        .code())
                .isZero();
        try (var db = Database.open(TestDatabases.settings(url))) {
            // a project of an export written before opting out existed searches by meaning
            assertThat(db.projects().findByName("p"))
                    .hasValueSatisfying(p -> assertThat(p.semanticSearch()).isTrue());
        }

        String project = "01900000-0000-7000-8000-000000000201";
        var lines = new ArrayList<String>(List.of(
                HEADER, PROJECT.replace("000000000001", "000000000201").replace("\"name\":\"p\"", "\"name\":\"q\"")));
        String[] conversations = {
            "01900000-0000-7000-8000-000000000211",
            "01900000-0000-7000-8000-000000000212",
            "01900000-0000-7000-8000-000000000213"
        };
        String[] messages = {"01900000-0000-7000-8000-000000000301", taken, "01900000-0000-7000-8000-000000000303"};
        for (int i = 0; i < conversations.length; i++) {
            lines.add(conversation(1, 1, "[]")
                    .replace("01900000-0000-7000-8000-000000000003", conversations[i])
                    .replace("01900000-0000-7000-8000-000000000001", project));
            lines.add(message(conversations[i], 1).replace("01900000-0000-7000-8000-000000000101", messages[i]));
        }
        Path second = folder.resolve("second.jsonl");
        Files.writeString(second, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        CliTest.Run result = run(NO_ENV, "import", "--database-url", url, "--input", second.toString());
        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .as(result.toString())
                .contains("line 5: the target refused conversation " + conversations[1])
                .contains("nothing of it was imported")
                .contains("Imported before it:");
        try (var db = Database.open(TestDatabases.settings(url))) {
            var counts = db.retention().counts();
            assertThat(counts.projects()).isEqualTo(2);
            assertThat(counts.conversations())
                    .as("the first import's and the one before the refused")
                    .isEqualTo(2);
            assertThat(counts.messages()).isEqualTo(2);
            var secondProject = db.projects().findByName("q").orElseThrow().id();
            assertThat(db.conversations()
                            .list(secondProject, ConversationFilter.all())
                            .items())
                    .extracting(c -> c.id().toString())
                    .containsExactly(conversations[0]);
        }
    }

    @Test
    void exportRefusesAnExistingOutputFileAndAnUnknownProject(@TempDir Path folder) throws Exception {
        String url = TestDatabases.freshUrl("sqlite");
        try (var db = Database.open(TestDatabases.settings(url))) {
            db.projects().create("known");
        }
        Path existing = Files.writeString(folder.resolve("existing.jsonl"), "keep me");
        CliTest.Run refused = run(NO_ENV, "export", "--database-url", url, "--output", existing.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--output: " + existing + " exists already");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        CliTest.Run unknown = run(NO_ENV, "export", "--database-url", url, "--project", "unknown");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("has no project named 'unknown'");
        assertThat(unknown.out()).as("nothing written before the refusal").isEmpty();
        Path partial = folder.resolve("partial.jsonl");
        CliTest.Run unknownToFile =
                run(NO_ENV, "export", "--database-url", url, "--project", "unknown", "--output", partial.toString());
        assertThat(unknownToFile.code()).isEqualTo(1);
        assertThat(partial).doesNotExist();

        Path written = folder.resolve("out.jsonl");
        CliTest.Run file = run(NO_ENV, "export", "--database-url", url, "--output", written.toString());
        assertThat(file.code()).isZero();
        assertThat(Files.readAllLines(written))
                .hasSize(2)
                .first()
                .isEqualTo("{\"format\":\"colloquy-export\",\"version\":4}");
        assertThat(file.err())
                .contains("Exported 1 project, 0 tags, 0 tokens, 0 conversations, 0 messages, 0 idempotent requests");
    }

    @Test
    void reindexRebuildsADamagedSearchIndex() throws Exception {
        String url = TestDatabases.freshUrl("sqlite");
        try (var db = Database.open(TestDatabases.settings(url))) {
            var project = db.projects().create("p");
            var conversation = db.conversations()
                    .create(project.id(), new NewConversation(Optional.of("findable title"), null, List.of()));
            db.messages().append(project.id(), conversation.id(), List.of(NewMessage.of("user", "needle")));
        }
        CliTest.Run fine = run(NO_ENV, "reindex", "--database-url", url);
        assertThat(fine.code()).isZero();
        assertThat(fine.out()).contains("nothing to do");
        try (var connection = DriverManager.getConnection("jdbc:" + url);
                var statement = connection.createStatement()) {
            statement.execute("INSERT INTO message_fts (message_fts) VALUES ('delete-all')");
        }
        try (var db = Database.open(TestDatabases.settings(url))) {
            assertThat(db.searchIndexConsistent()).isFalse();
        }
        CliTest.Run rebuilt = run(NO_ENV, "reindex", "--database-url", url);
        assertThat(rebuilt.code()).as(rebuilt.toString()).isZero();
        assertThat(rebuilt.out()).contains("disagreed; rebuilt it");
        try (var db = Database.open(TestDatabases.settings(url))) {
            assertThat(db.searchIndexConsistent()).isTrue();
            var project = db.projects().findByName("p").orElseThrow();
            assertThat(db.search().search(project.id(), SearchRequest.of("needle")))
                    .hasSize(1);
        }
        assertThat(run(NO_ENV, "reindex", "--force", "--database-url", TestDatabases.freshUrl("postgres"))
                        .out())
                .contains("Rebuilt the search index.");
    }

    @Test
    void aTargetWithoutTheRightToCreateTablesFailsWithTheDatabasesOwnWords() throws Exception {
        String url = TestDatabases.freshUrl("postgres");
        String role = "colloquy_limited_" + System.nanoTime();
        try (var connection = TransferCliTest.writable(url);
                var statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'limited-pw'");
            // PostgreSQL 15 and newer revoke this by default; older servers need it said.
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
        String limited = "postgres://" + role + ":limited-pw@"
                + TestDatabases.settings(url).target().location();
        CliTest.Run migrate = run(NO_ENV, "migrate", "--database-url", limited);
        assertThat(migrate.code()).isEqualTo(1);
        assertThat(migrate.err().strip())
                .isEqualTo("Schema: could not migrate the PostgreSQL database at "
                        + TestDatabases.settings(url).target().location()
                        + ": ERROR: permission denied for schema public (SQL state 42501)")
                .doesNotContain("limited-pw");
        String source = TestDatabases.freshUrl("sqlite");
        try (var db = Database.open(TestDatabases.settings(source))) {
            db.projects().create("p");
        }
        CliTest.Run copy = run(NO_ENV, "copy", "--from", source, "--to", limited);
        assertThat(copy.code()).isEqualTo(1);
        assertThat(copy.err()).contains("permission denied for schema public");
    }

    private static void assertProjects(String url, int expected) {
        try (var db = Database.open(TestDatabases.settings(url))) {
            assertThat(db.projects().list()).hasSize(expected);
        }
    }
}
