package dev.colloquy.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.app.cli.ColloquyCommand;
import dev.colloquy.app.config.Environment;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Limits;
import dev.colloquy.it.TestClock;
import dev.colloquy.it.TestDatabases;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.semantic.VectorModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line in this process: exit codes, output, and the settings' precedence. */
class CliTest {

    static final String PASSWORD = "s3cret-Pa55word";

    record Run(int code, String out, String err) {
        String lastLine() {
            var lines = out.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Run run(Map<String, String> env, String... args) {
        return run(env, new Properties(), args);
    }

    static Run run(Map<String, String> env, Properties properties, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = ColloquyCommand.run(
                new Environment(
                        env,
                        properties,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)),
                args);
        var run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
        return run;
    }

    @Test
    void migrateCheckAndTokensOnSqlite() throws Exception {
        String url = TestDatabases.freshUrl("sqlite");
        // An empty file is an empty database, as a fresh PostgreSQL database is.
        Files.createFile(Path.of(url.substring("sqlite:".length())));
        lifecycle(Map.of("DATABASE_URL", url));
    }

    @Test
    void mcpWantsATokenAndAUrlItCanUse() {
        Run noToken = run(Map.of(), "mcp");
        assertThat(noToken.code()).isEqualTo(2);
        assertThat(noToken.err()).contains("COLLOQUY_TOKEN").contains("is required");
        assertThat(noToken.out())
                .as("standard output is the protocol's: nothing else on it")
                .isEmpty();
        Run badUrl = run(Map.of("COLLOQUY_TOKEN", "cq_x", "COLLOQUY_URL", "ftp://example.org"), "mcp");
        assertThat(badUrl.code()).isEqualTo(2);
        assertThat(badUrl.err()).contains("COLLOQUY_URL").contains("http:// or https://");
        Run badFlag = run(Map.of("COLLOQUY_TOKEN", "cq_x"), "mcp", "--url", "http://bad host/");
        assertThat(badFlag.code()).isEqualTo(2);
        assertThat(badFlag.err()).contains("--url").doesNotContain("cq_x");
    }

    @Test
    void aServerThatCannotListenCreatesNoFirstToken() throws Exception {
        String url = TestDatabases.freshUrl("sqlite");
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run serve = run(Map.of("DATABASE_URL", url, "HTTP_PORT", Integer.toString(taken.getLocalPort())), "serve");
            assertThat(serve.code()).as(serve.toString()).isEqualTo(1);
            assertThat(serve.err()).contains("could not start the HTTP server");
            assertThat(serve.out()).doesNotContain("cq_");
        }
        try (var database = Database.open(TestDatabases.settings(url))) {
            assertThat(database.tokens().any())
                    .as("the next start still makes the first token")
                    .isFalse();
        }
    }

    @Test
    void checkOfAMissingSqliteFileSaysSoAndCreatesNothing() {
        String url = TestDatabases.freshUrl("sqlite");
        var file = Path.of(url.substring("sqlite:".length()));
        Run check = run(Map.of("DATABASE_URL", url), "check");
        assertThat(check.code()).as(check.toString()).isEqualTo(3);
        assertThat(check.out()).contains("Not ready: the SQLite file " + file + " does not exist");
        assertThat(file).doesNotExist();
    }

    /** A server's data source exists only inside an application server: a command says so in one line. */
    @Test
    void aServerDataSourceIsRefusedOutsideAnApplicationServer() {
        var env = Map.of("DATABASE_JNDI", "java:jboss/datasources/Colloquy", "DB_DRIVER", "sqlite");
        for (String command : new String[] {"migrate", "check", "serve"}) {
            Run run = run(env, command);
            assertThat(run.code()).as(command + ": " + run).isEqualTo(2);
            assertThat(run.err().strip())
                    .as(command)
                    .startsWith("DATABASE_JNDI: ")
                    .doesNotContain("\n");
        }
    }

    @Test
    void checkReadsOnlyAndChangesNothing() throws Exception {
        String url = TestDatabases.freshUrl("sqlite");
        assertThat(run(Map.of("DATABASE_URL", url), "migrate").code()).isZero();
        var file = Path.of(url.substring("sqlite:".length()));
        byte[] before = Files.readAllBytes(file);
        Run check = run(Map.of("DATABASE_URL", url), "check");
        assertThat(check.code()).as(check.toString()).isZero();
        assertThat(check.out()).contains("Ready");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void migrateCheckAndTokensOnPostgres() {
        var env = Map.of("DATABASE_URL", TestDatabases.freshUrl("postgres"));
        lifecycle(env);
    }

    private static void lifecycle(Map<String, String> env) {
        Run before = run(env, "check");
        assertThat(before.code()).as(before.toString()).isEqualTo(1);
        assertThat(before.out())
                .contains("Schema version: none")
                .contains("Pending:        1")
                .contains("Not ready");

        Run info = run(env, "migrate", "--info");
        assertThat(info.code()).isZero();
        assertThat(info.out()).contains("baseline").contains("Pending");

        Run migrated = run(env, "migrate");
        assertThat(migrated.code()).as(migrated.toString()).isZero();
        assertThat(migrated.out()).contains("Schema version 7, up to date");

        Run ready = run(env, "check");
        assertThat(ready.code()).as(ready.toString()).isZero();
        assertThat(ready.out())
                .contains("Connectivity:   ok")
                .contains("Vectors:        0 of all-minilm-l6-v2-q, messages waiting: 0\n")
                .contains("Ready");
        // The vectors and the messages waiting for one: a project opted out is not waited for.
        try (var database = Database.open(TestDatabases.settings(env.get("DATABASE_URL")))) {
            var in = database.projects().create("searched");
            var out = database.projects().create("not searched", false);
            for (var project : List.of(in, out)) {
                var conversation = database.conversations().create(project.id(), NewConversation.empty());
                database.messages()
                        .append(
                                project.id(),
                                conversation.id(),
                                List.of(NewMessage.of("user", "one"), NewMessage.of("user", "two")));
            }
            var other = new VectorModel("other-model", 2);
            var claimed = database.embeddings().claim(other, 1, Duration.ofMinutes(1), Optional.empty());
            database.embeddings().store(other, Map.of(claimed.get(0).id(), new float[] {0.6f, 0.8f}));
        }
        Run counted = run(env, "check");
        assertThat(counted.code()).as(counted.toString()).isZero();
        assertThat(counted.out())
                .contains("Vectors:        0 of all-minilm-l6-v2-q, messages waiting: 2 (1 project opted out);"
                        + " of other models: {other-model=1}\n");

        Run typo = run(env, "token", "create", "--project", "cli-projcet", "--admin");
        assertThat(typo.code()).as(typo.toString()).isEqualTo(2);
        assertThat(typo.err()).contains("no project 'cli-projcet'").contains("--create-project");
        assertThat(typo.out()).doesNotContain("cq_");

        Run created =
                run(env, "token", "create", "--project", "cli-project", "--create-project", "--admin", "--name", "ops");
        assertThat(created.code()).as(created.toString()).isZero();
        String secret = created.lastLine();
        assertThat(secret).startsWith("cq_");
        assertThat(created.err()).contains("Created project 'cli-project'").contains("Issued admin token");

        Run listed = run(env, "token", "list", "--project", "cli-project");
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).contains("ops").contains("active").doesNotContain(secret);
        assertThat(listed.out().lines().filter(l -> l.contains("ops")))
                .as("an admin token is listed as acting on every project")
                .singleElement()
                .satisfies(line -> assertThat(line).contains("all-projects"));
        assertThat(created.err()).contains("it manages every project");
        String tokenId = listed.out()
                .lines()
                .filter(l -> l.contains("ops"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[0];

        try (var database = Database.open(TestDatabases.settings(env.get("DATABASE_URL")))) {
            assertThat(database.tokens().authenticate(secret)).isPresent();
        }
        Run revoked = run(env, "token", "revoke", tokenId);
        assertThat(revoked.code()).as(revoked.toString()).isZero();
        assertThat(run(env, "token", "list").out()).contains("revoked");
        try (var database = Database.open(TestDatabases.settings(env.get("DATABASE_URL")))) {
            assertThat(database.tokens().authenticate(secret)).isEmpty();
        }
        assertThat(run(env, "token", "revoke", "not-an-id").code()).isEqualTo(2);
        assertThat(run(env, "token", "revoke", UUID.randomUUID().toString()).code())
                .isEqualTo(1);
        Run expiring = run(env, "token", "create", "--project", "cli-project", "--expires-at", "tomorrow");
        assertThat(expiring.code()).isEqualTo(2);
        assertThat(expiring.err()).contains("--expires-at");
    }

    @Test
    void embedFillsTheBacklogWithProgressAndForgetsOtherModels() {
        String url = TestDatabases.freshUrl("sqlite");
        var model = new VectorModel("all-minilm-l6-v2-q", 384);
        var other = new VectorModel("model-used-before", 2);
        try (var database = Database.open(TestDatabases.settings(url))) {
            var project = database.projects().create("embedded");
            var conversation = database.conversations().create(project.id(), NewConversation.empty());
            var messages = new ArrayList<NewMessage>();
            for (int i = 0; i < 70; i++) {
                messages.add(NewMessage.of("user", "message number " + i));
            }
            database.messages().append(project.id(), conversation.id(), messages);
            var claimed = database.embeddings().claim(other, 1, Duration.ofMinutes(1), Optional.empty());
            database.embeddings().store(other, Map.of(claimed.get(0).id(), new float[] {0.6f, 0.8f}));
        }
        var env = Map.of("DATABASE_URL", url);
        Run off = run(Map.of("DATABASE_URL", url, "SEMANTIC_SEARCH", "off"), "embed");
        assertThat(off.code()).isEqualTo(2);
        assertThat(off.err()).startsWith("SEMANTIC_SEARCH: is off");

        Run embedded = run(env, "embed");
        assertThat(embedded.code()).as(embedded.toString()).isZero();
        assertThat(embedded.err())
                .contains("70 messages wait for a vector of all-minilm-l6-v2-q")
                .contains("embed message: 70 rows");
        assertThat(embedded.out())
                .contains("Embedded 70 messages with all-minilm-l6-v2-q")
                .contains("none waits");
        Run again = run(env, "embed", "--forget-other-models");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Embedded 0 messages").contains("Deleted 1 vectors of other models.");
        try (var database = Database.open(TestDatabases.settings(url))) {
            assertThat(database.embeddings().vectorsByModel()).isEqualTo(Map.of(model.name(), 70L));
            assertThat(database.embeddings().backlog(model)).isZero();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DB_DRIVER|mysql|DB_DRIVER: unknown driver 'mysql'",
                "DATABASE_URL|mysql://u:" + PASSWORD + "@h/db|DATABASE_URL: unsupported URL 'mysql:...'",
                "DATABASE_URL|postgres://u:" + PASSWORD + "@h:notaport/db|DATABASE_URL: has 'notaport' where a number",
                "DB_MIGRATE|sometimes|DB_MIGRATE: ",
                "HTTP_PORT|http|HTTP_PORT: must be a whole number",
                "HTTP_PORT|70000|HTTP_PORT: must be between 0 and 65535",
                "RETENTION_DAYS|-1|RETENTION_DAYS: ",
                "COLLOQUY_ADMIN_TOKEN|short|COLLOQUY_ADMIN_TOKEN: must be at least 32",
                "LIMIT_PAGE_SIZE_MAX|0|LIMIT_PAGE_SIZE_MAX: ",
                "IDEMPOTENCY_KEY_TTL|10s|IDEMPOTENCY_KEY_TTL: must be between 1m and 30d",
                "RATE_LIMIT_PER_MINUTE|-5|RATE_LIMIT_PER_MINUTE: ",
                "RATE_LIMIT_BURST|5|RATE_LIMIT_BURST: needs RATE_LIMIT_PER_MINUTE above 0",
                "HTTP_QUEUE_LIMIT|0|HTTP_QUEUE_LIMIT: ",
                "LOG_FORMAT|xml|LOG_FORMAT: must be text or json",
                "LOG_LEVEL|loud|LOG_LEVEL: must be one of trace, debug, info, warn, error",
                "ACCESS_LOG|maybe|ACCESS_LOG: must be on or off",
                "CORS_ORIGINS|https://app.example.com/path|CORS_ORIGINS: 'https://app.example.com/path' is not an origin",
                "EMBEDDING_MODEL|text-embedding-3-small|EMBEDDING_MODEL: is set without EMBEDDING_URL",
                "EMBEDDING_API_KEY|" + PASSWORD + "|EMBEDDING_API_KEY: is set without EMBEDDING_URL",
                "EMBEDDING_URL|ftp://example.com/v1|EMBEDDING_URL: must be the http(s) base URL",
                "EMBEDDING_URL|https://user:" + PASSWORD
                        + "@example.com/v1|EMBEDDING_URL: must be the http(s) base URL",
                "EMBEDDING_URL|https://example.com/v1|EMBEDDING_MODEL: is required with EMBEDDING_URL"
            })
    void configurationMistakesExitWithTwoAndOneLineNamingTheSetting(String name, String value, String message) {
        var env = new HashMap<String, String>();
        env.put("DATABASE_URL", "sqlite::memory:");
        env.put(name, value);
        Run result = run(env, "serve");
        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).startsWith(message).doesNotContain(PASSWORD);
    }

    @Test
    void aContradictionExitsWithTwo() {
        Run result = run(Map.of("DB_DRIVER", "sqlite", "DATABASE_URL", "postgres://u:" + PASSWORD + "@h/db"), "check");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip())
                .startsWith("DB_DRIVER: is 'sqlite' but DATABASE_URL names a PostgreSQL database");
    }

    @Test
    void anUnreachableDatabaseIsRetriedThenExitsWithThree() {
        Run result = run(
                Map.of(
                        "DATABASE_URL",
                        "postgres://colloquy:" + PASSWORD + "@127.0.0.1:9/colloquy",
                        "DB_STARTUP_TIMEOUT",
                        "2s"),
                "check");
        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.err())
                .contains(
                        "Could not reach the PostgreSQL database at 127.0.0.1:9/colloquy within 2s (DB_STARTUP_TIMEOUT)");
    }

    @Test
    void aMissingDatabaseFailsAtOnceWithAdvice() {
        var pg = TestDatabases.freshUrl("postgres");
        String missing = pg.substring(0, pg.lastIndexOf('/') + 1) + "no_such_database";
        long start = System.nanoTime();
        Run result = run(Map.of("DATABASE_URL", missing, "DB_STARTUP_TIMEOUT", "60s"), "check");
        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).contains("does not exist").contains("createdb no_such_database");
        assertThat(System.nanoTime() - start)
                .as("failed without waiting for the startup timeout")
                .isLessThan(30_000_000_000L);
    }

    @Test
    void flagsBeatSystemPropertiesWhichBeatTheEnvironment() {
        String fromFlag = TestDatabases.freshUrl("sqlite");
        var properties = new Properties();
        properties.setProperty("DATABASE_URL", "sqlite:/nonexistent-dir-for-property/x.db?bad");
        Run flag = run(Map.of("DATABASE_URL", "mysql://env"), properties, "migrate", "--database-url", fromFlag);
        assertThat(flag.code()).as(flag.toString()).isZero();
        Run property = run(Map.of("DATABASE_URL", "mysql://env"), properties, "migrate");
        assertThat(property.code()).isEqualTo(2);
        assertThat(property.err()).contains("a SQLite URL takes no parameters");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--help",
                "serve --help",
                "migrate --help",
                "check --help",
                "token --help",
                "token create --help",
                "token list --help",
                "token revoke --help",
                "purge --help",
                "backup --help",
                "copy --help",
                "verify --help",
                "export --help",
                "import --help",
                "reindex --help"
            })
    void everyCommandHasHelp(String args) {
        Run result = run(Map.of(), args.split(" "));
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: colloquy");
    }

    @Test
    void databaseFlagsAreOnEveryDatabaseCommand() {
        for (String command : new String[] {
            "serve",
            "migrate",
            "check",
            "token create",
            "token list",
            "token revoke",
            "purge",
            "backup",
            "export",
            "import",
            "reindex"
        }) {
            var args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            assertThat(run(Map.of(), args.toArray(String[]::new)).out())
                    .as(command)
                    .contains(
                            "--database-url",
                            "--db-driver",
                            "--database-path",
                            "--pghost",
                            "--db-migrate",
                            "--db-startup-timeout");
        }
    }

    @Test
    void purgeRemovesWhatIsOlderThanTheGivenAgeAndDryRunOnlyCounts() {
        String url = TestDatabases.freshUrl("sqlite");
        var clock = new TestClock();
        UUID project;
        try (var database = Database.open(TestDatabases.settings(url), clock, Limits.DEFAULTS)) {
            project = database.projects().create("purged").id();
            try (var pin = clock.pin(Instant.now().minus(Duration.ofDays(100)))) {
                for (int i = 0; i < 3; i++) {
                    var c = database.conversations().create(project, NewConversation.empty());
                    database.messages().append(project, c.id(), List.of(NewMessage.of("user", "old")));
                }
            }
            database.conversations().create(project, NewConversation.titled("fresh"));
        }
        var env = Map.of("DATABASE_URL", url);

        Run dry = run(env, "purge", "--older-than", "90d", "--dry-run");
        assertThat(dry.code()).as(dry.toString()).isZero();
        assertThat(dry.out()).startsWith("Would purge 3 conversations (3 messages) not updated since ");
        Run purged = run(env, "purge", "--older-than", "P90D", "--batch-size", "2");
        assertThat(purged.code()).as(purged.toString()).isZero();
        assertThat(purged.out()).startsWith("Purged 3 conversations (3 messages)");
        try (var database = Database.open(TestDatabases.settings(url))) {
            assertThat(database.retention().counts().conversations()).isEqualTo(1);
        }
        Run month = run(env, "purge", "--older-than", "1m");
        assertThat(month.code()).as("'1m' is a minute, not a month").isEqualTo(2);
        assertThat(month.err()).contains("minutes").contains("--allow-short");
        try (var database = Database.open(TestDatabases.settings(url))) {
            assertThat(database.retention().counts().conversations()).isEqualTo(1);
        }
        Run meant = run(env, "purge", "--older-than", "1m", "--allow-short", "--dry-run");
        assertThat(meant.code()).as(meant.toString()).isZero();
        assertThat(run(env, "purge", "--help").out().replaceAll("\\s+", " ")).contains("m = MINUTES (not months)");
        assertThat(run(env, "purge", "--older-than", "soon").code()).isEqualTo(2);
        assertThat(run(env, "purge", "--older-than", "0d").code()).isEqualTo(2);
        assertThat(run(env, "purge", "--older-than", "1d", "--batch-size", "0").code())
                .isEqualTo(2);
        assertThat(run(env, "purge").code()).isEqualTo(2);
    }

    @Test
    void backupWritesAConsistentCopyOfALiveSqliteDatabase() throws Exception {
        String url = TestDatabases.freshUrl("sqlite");
        UUID project;
        try (var live = Database.open(TestDatabases.settings(url))) {
            project = live.projects().create("backed-up").id();
            var conversation = live.conversations().create(project, NewConversation.titled("Kept"));
            live.messages().append(project, conversation.id(), List.of(NewMessage.of("user", "the archived walrus")));
            var target = Files.createTempDirectory("colloquy-backup-").resolve("nested/copy.db");

            Run backup = run(Map.of("DATABASE_URL", url), "backup", "--to", target.toString());

            assertThat(backup.code()).as(backup.toString()).isZero();
            assertThat(backup.out()).contains("Backed up to " + target);
            try (var copy = Database.open(TestDatabases.settings("sqlite:" + target))) {
                assertThat(copy.retention().counts()).isEqualTo(live.retention().counts());
                assertThat(copy.search().search(project, SearchRequest.of("walrus")))
                        .hasSize(1);
                assertThat(copy.search().search(project, SearchRequest.of("kept")))
                        .hasSize(1);
                assertThat(copy.searchIndexConsistent()).isTrue();
            }
            Run again = run(Map.of("DATABASE_URL", url), "backup", "--to", target.toString());
            assertThat(again.code()).isEqualTo(2);
            assertThat(again.err()).contains("--to: " + target + " exists already");
        }
    }

    @Test
    void backupOfPostgresPointsToPgDump() {
        Run result = run(
                Map.of("DATABASE_URL", TestDatabases.freshUrl("postgres")), "backup", "--to", "/tmp/never-written.db");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("pg_dump");
        assertThat(Path.of("/tmp/never-written.db")).doesNotExist();
    }

    @Test
    void everyDatabaseFlagIsAccepted() {
        String file = TestDatabases.freshUrl("sqlite").substring("sqlite:".length());
        Run sqlite = run(
                Map.of(),
                "migrate",
                "--db-driver",
                "sqlite",
                "--database-path",
                file,
                "--pghost",
                "ignored",
                "--pgport",
                "5432",
                "--pgdatabase",
                "ignored",
                "--pguser",
                "ignored",
                "--pgpassword",
                PASSWORD,
                "--pgsslmode",
                "require",
                "--db-pool-max-size",
                "3",
                "--db-pool-min-idle",
                "1",
                "--db-pool-connect-timeout",
                "5s",
                "--db-pool-max-lifetime",
                "10m",
                "--db-startup-timeout",
                "5s",
                "--db-migrate",
                "auto");
        assertThat(sqlite.code()).as(sqlite.toString()).isZero();
        assertThat(Path.of(file)).exists();
        Run url = run(Map.of(), "check", "--database-url", "sqlite:" + file);
        assertThat(url.code()).as(url.toString()).isZero();
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(run(Map.of()).code()).isEqualTo(2);
        assertThat(run(Map.of(), "frobnicate").code()).isEqualTo(2);
        assertThat(run(Map.of(), "token").code()).isEqualTo(2);
        assertThat(run(Map.of(), "token", "create").code()).isEqualTo(2);
        assertThat(run(Map.of(), "check", "--no-such-flag").code()).isEqualTo(2);
        assertThat(run(Map.of(), "--version").out()).startsWith("colloquy ");
    }
}
