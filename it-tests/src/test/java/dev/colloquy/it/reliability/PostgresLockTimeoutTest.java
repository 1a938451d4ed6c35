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
import org.junit.jupiter.api.Test;

/**
 * A table locked by another session (an operator's {@code LOCK TABLE}, a long migration) makes
 * a unit of work wait for the lock no longer than {@code POSTGRES_LOCK_TIMEOUT}: it is run again
 * while its 5 s budget lasts, then refused as unavailable with nothing stored, and the same
 * pooled connections serve the next request once the lock is gone. (On SQLite the busy timeout
 * plays this part: SqliteWriteLockTest.)
 */
@org.junit.jupiter.api.Timeout(120)
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
}
