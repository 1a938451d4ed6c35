package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.NewConversation;
import dev.colloquy.message.History;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.Settings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** What only SQLite needs proving: its file settings, its in-memory mode, and two writers on one file. */
class SqliteBackendTest {

    private static String pragma(Connection connection, String name) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void aNewFileIsCreatedWithWalForeignKeysAndIncrementalVacuum() throws Exception {
        var file = TestDatabases.freshSqliteFile();
        try (var database = Database.open(TestDatabases.settings("sqlite:" + file));
                Connection connection = database.dataSources().writer().getConnection()) {
            assertThat(file).exists();
            assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(connection, "auto_vacuum")).isEqualTo("2");
            // FULL: an acknowledged write is on disk, whatever happens to the system after.
            assertThat(pragma(connection, "synchronous")).isEqualTo("2");
        }
    }

    @Test
    void synchronousNormalIsUsedWhenChosen() throws Exception {
        var file = TestDatabases.freshSqliteFile();
        var settings = DatabaseSettings.resolve(
                Settings.of(Map.of("DATABASE_URL", "sqlite:" + file, "SQLITE_SYNCHRONOUS", "Normal")),
                TestDatabases.backends());
        try (var database = Database.open(settings);
                Connection writer = database.dataSources().writer().getConnection();
                Connection reader = database.dataSources().reader().getConnection()) {
            assertThat(pragma(writer, "synchronous")).isEqualTo("1");
            assertThat(pragma(reader, "synchronous")).isEqualTo("1");
        }
    }

    @Test
    void readerConnectionsCannotWrite() throws Exception {
        try (var database = Database.open(TestDatabases.fresh("sqlite"));
                Connection connection = database.dataSources().reader().getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(connection.isReadOnly()).isTrue();
            Assertions.assertThatThrownBy(() -> statement.execute("DELETE FROM project"))
                    .hasMessageContaining("readonly");
        }
    }

    @Test
    void anInMemoryDatabaseWorksForTheLifeOfTheProcess() {
        try (var database = Database.open(TestDatabases.settings("sqlite::memory:"))) {
            UUID project = database.projects().create("demo").id();
            var conversation = database.conversations().create(project, NewConversation.titled("in memory"));
            database.messages().append(project, conversation.id(), List.of(NewMessage.of("user", "ephemeral")));
            assertThat(database.messages().history(project, conversation.id(), History.last(5)))
                    .hasSize(1);
            assertThat(database.settings().describe()).isEqualTo("Using SQLite database at :memory:");
        }
    }

    @Test
    void twoProcessesWritingOneFileNeverSeeALockError() throws Exception {
        DatabaseSettings settings = TestDatabases.fresh("sqlite");
        UUID project;
        UUID conversation;
        try (var setup = Database.open(settings)) {
            project = setup.projects().create("shared").id();
            conversation = setup.conversations()
                    .create(project, NewConversation.empty())
                    .id();
        }
        try (var first = Database.open(settings);
                var second = Database.open(settings)) {
            var pool = Executors.newFixedThreadPool(8);
            try {
                var tasks = new ArrayList<Callable<Integer>>();
                for (int t = 0; t < 8; t++) {
                    Database database = t % 2 == 0 ? first : second;
                    tasks.add(() -> {
                        for (int i = 0; i < 40; i++) {
                            database.messages().append(project, conversation, List.of(NewMessage.of("user", "m" + i)));
                        }
                        return 40;
                    });
                }
                int total = 0;
                for (Future<Integer> future : pool.invokeAll(tasks)) {
                    total += future.get();
                }
                assertThat(total).isEqualTo(320);
            } finally {
                pool.shutdown();
            }
            assertThat(first.conversations().get(project, conversation).messageCount())
                    .isEqualTo(320);
            assertThat(second.messages()
                            .history(project, conversation, History.last(1))
                            .get(0)
                            .seq())
                    .isEqualTo(320);
        }
    }
}
