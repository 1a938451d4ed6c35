package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.UnavailableException;
import dev.colloquy.it.TestDatabases;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.Settings;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When every pooled connection is in use, work is refused after the pool's short wait (half a
 * second by default) with a 503's exception and {@code Retry-After: 1}, instead of queueing for
 * the old 10 or 30 s; the connection that comes free serves the next request as usual.
 */
class PoolExhaustionTest {

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void workThatFindsNoFreeConnectionIsRefusedAfterTheShortWait(String backend) throws Exception {
        var settings = DatabaseSettings.resolve(
                Settings.of(Map.of(
                        "DATABASE_URL", TestDatabases.freshUrl(backend),
                        "DB_POOL_MAX_SIZE", "2",
                        "DB_POOL_MIN_IDLE", "1")),
                TestDatabases.backends());
        assertThat(settings.pool().connectTimeout()).isEqualTo(Duration.ofMillis(500));
        try (Database database = Database.open(settings)) {
            var project = database.projects().findOrCreate("first");
            // Both connections reads go through (on PostgreSQL, writes too) are taken.
            try (Connection held = database.dataSources().reader().getConnection();
                    Connection alsoHeld = database.dataSources().reader().getConnection()) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> database.projects().list())
                        .isInstanceOfSatisfying(UnavailableException.class, e -> {
                            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                            assertThat(e.getMessage())
                                    .contains("DB_POOL_CONNECT_TIMEOUT")
                                    .contains("nothing was stored");
                        });
                // Refused after one wait, not retried into the old 10-30 s queue.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                if (backend.equals("sqlite")) {
                    // SQLite's writes have their own connection and queue: they go on.
                    database.conversations().create(project.id(), NewConversation.titled("written meanwhile"));
                }
            }
            // The connections came back: the next request is served as usual.
            assertThat(database.projects().list()).extracting(p -> p.name()).containsExactly("first");
            assertThat(database.conversations()
                            .list(project.id(), ConversationFilter.all())
                            .items())
                    .hasSize(backend.equals("sqlite") ? 1 : 0);
        }
    }

    @Test
    void aPostgresPoolOfOneIsRefusedNamingTheSetting() {
        var settings = DatabaseSettings.resolve(
                Settings.of(Map.of("DATABASE_URL", TestDatabases.freshUrl("postgres"), "DB_POOL_MAX_SIZE", "1")),
                TestDatabases.backends());
        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("DB_POOL_MAX_SIZE"))
                .hasMessageContaining("at least 2 on PostgreSQL");
    }
}
