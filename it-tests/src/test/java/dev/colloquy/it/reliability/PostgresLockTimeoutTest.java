package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.UnavailableException;
import dev.colloquy.it.TestDatabases;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A table locked by another session (an operator's {@code LOCK TABLE}, a long migration) makes
 * a unit of work wait for the lock no longer than {@code POSTGRES_LOCK_TIMEOUT}: it is run again
 * while its 5 s budget lasts, then refused as unavailable with nothing stored, and the same
 * pooled connections serve the next request once the lock is gone. (On SQLite the busy timeout
 * plays this part: SqliteWriteLockTest.)
 */
@Timeout(120)
class PostgresLockTimeoutTest {

    @Test
    void aLockedTableIsWaitedForNoLongerThanTheLockTimeout() throws Exception {
        String url = TestDatabases.freshUrl("postgres");
        var settings = DatabaseSettings.resolve(
                Settings.of(Map.of("DATABASE_URL", url, "POSTGRES_LOCK_TIMEOUT", "1s")), TestDatabases.backends());
        try (Database database = Database.open(settings)) {
            try (Connection pooled = database.dataSources().reader().getConnection();
                    Statement statement = pooled.createStatement();
                    ResultSet rows = statement.executeQuery("SHOW lock_timeout")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("1s");
            }
            var project = database.projects().findOrCreate("locked");
            var target = TestDatabases.settings(url).target();
            try (Connection operator = DriverManager.getConnection(
                    target.jdbcUrl(),
                    target.user().orElse(null),
                    target.password().isEmpty() ? null : target.password().reveal())) {
                operator.setAutoCommit(false);
                try (Statement lock = operator.createStatement()) {
                    lock.execute("LOCK TABLE conversation IN ACCESS EXCLUSIVE MODE");
                }
                long started = System.nanoTime();
                assertThatThrownBy(() -> database.conversations().create(project.id(), NewConversation.titled("x")))
                        .isInstanceOfSatisfying(UnavailableException.class, e -> {
                            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                            assertThat(e.getMessage()).contains("nothing was stored");
                        });
                // 1 s per attempt within the 5 s budget, not the lock's whole length.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
                operator.rollback();
            }
            // The lock is gone: the same pool serves the next unit of work.
            database.conversations().create(project.id(), NewConversation.titled("after"));
            assertThat(database.conversations()
                            .list(project.id(), ConversationFilter.all())
                            .items())
                    .extracting(c -> c.title().orElseThrow())
                    .containsExactly("after");
        }
    }

    /**
     * A statement runs no longer than {@code POSTGRES_STATEMENT_TIMEOUT}: it is stopped and the
     * unit of work refused as unavailable at once (not run again), while maintenance connections
     * (migrations, index rebuilds) have no timeout and give the pool back connections that do.
     */
    @Test
    void aStatementRunsNoLongerThanTheStatementTimeoutAndMaintenanceIsNotBound() throws Exception {
        String url = TestDatabases.freshUrl("postgres");
        var settings = DatabaseSettings.resolve(
                Settings.of(Map.of(
                        "DATABASE_URL", url, "POSTGRES_STATEMENT_TIMEOUT", "300ms", "POSTGRES_LOCK_TIMEOUT", "1m")),
                TestDatabases.backends());
        try (Database database = Database.open(settings)) {
            assertThat(show(database.dataSources().reader(), "statement_timeout"))
                    .isEqualTo("300ms");
            var project = database.projects().findOrCreate("slow");
            var target = TestDatabases.settings(url).target();
            try (Connection operator = DriverManager.getConnection(
                    target.jdbcUrl(),
                    target.user().orElse(null),
                    target.password().isEmpty() ? null : target.password().reveal())) {
                operator.setAutoCommit(false);
                try (Statement lock = operator.createStatement()) {
                    lock.execute("LOCK TABLE conversation IN ACCESS EXCLUSIVE MODE");
                }
                long started = System.nanoTime();
                // The lock would be waited for a minute; the statement is stopped after 300 ms.
                assertThatThrownBy(() -> database.conversations().create(project.id(), NewConversation.titled("x")))
                        .isInstanceOfSatisfying(
                                UnavailableException.class,
                                e -> assertThat(e.getMessage())
                                        .contains("statement timeout")
                                        .contains("nothing was stored"));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                operator.rollback();
            }

            var maintenance = settings.backend()
                    .connections()
                    .forMaintenance(database.dataSources().writer());
            try (Connection connection = maintenance.getConnection();
                    Statement statement = connection.createStatement()) {
                assertThat(show(connection, "statement_timeout")).isEqualTo("0");
                statement.execute("SELECT pg_sleep(0.5)");
            }
            assertThat(show(database.dataSources().writer(), "statement_timeout"))
                    .isEqualTo("300ms");
            database.conversations().create(project.id(), NewConversation.titled("after"));
        }
    }

    private static String show(DataSource pool, String setting) throws Exception {
        try (Connection connection = pool.getConnection()) {
            return show(connection, setting);
        }
    }

    private static String show(Connection connection, String setting) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
