package dev.colloquy.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.app.server.RetentionJob;
import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Limits;
import dev.colloquy.it.TestClock;
import dev.colloquy.it.TestDatabases;
import dev.colloquy.persistence.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hourly retention job purges what the retention period excludes, and keeps the rest. */
class RetentionJobTest {

    @Test
    void purgesConversationsNotUpdatedWithinTheRetentionPeriod() {
        var clock = new TestClock();
        try (Database database = Database.open(TestDatabases.fresh("sqlite"), clock, Limits.DEFAULTS)) {
            var project = database.projects().create("retained").id();
            Instant now = Instant.parse("2030-06-30T12:00:00Z");
            Conversation old;
            try (var pin = clock.pin(now.minusSeconds(31L * 86400))) {
                old = database.conversations().create(project, NewConversation.titled("old"));
            }
            Conversation recent;
            try (var pin = clock.pin(now.minusSeconds(29L * 86400))) {
                recent = database.conversations().create(project, NewConversation.titled("recent"));
            }

            var metrics = new ServiceMetrics(database);
            new RetentionJob(database, 30, Clock.fixed(now, ZoneOffset.UTC), metrics).run();

            assertThat(database.conversations()
                            .list(project, ConversationFilter.all())
                            .items())
                    .extracting(c -> c.id())
                    .containsExactly(recent.id())
                    .doesNotContain(old.id());
            assertThat(metrics.scrape())
                    .contains("colloquy_retention_runs_total 1.0")
                    .contains("colloquy_retention_purged_total{kind=\"conversations\"} 1.0")
                    .contains("colloquy_retention_purged_total{kind=\"messages\"} 0.0");
        }
    }

    /** A scheduled task that throws is never run again, so a failed purge must not throw. */
    @Test
    void aFailedPurgeDoesNotStopTheSchedule() {
        Database closed = Database.open(TestDatabases.fresh("sqlite"));
        closed.close();
        var metrics = new ServiceMetrics(closed);
        assertThatCode(() -> new RetentionJob(closed, 1, Clock.systemUTC(), metrics).run())
                .doesNotThrowAnyException();
        assertThat(metrics.scrape()).contains("colloquy_retention_failures_total 1.0");
    }

    /**
     * Two instances on one database: while one holds the retention job's lock, the other's round
     * is skipped (it purges nothing); once released, the next round runs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void oneInstanceAtATimePurges(String backend) throws Exception {
        var clock = new TestClock();
        var settings = TestDatabases.fresh(backend);
        try (Database first = Database.open(settings, clock, Limits.DEFAULTS);
                Database second = Database.open(settings, clock, Limits.DEFAULTS)) {
            var project = first.projects().create("shared").id();
            Instant now = Instant.parse("2030-06-30T12:00:00Z");
            try (var pin = clock.pin(now.minusSeconds(31L * 86400))) {
                first.conversations().create(project, NewConversation.titled("old"));
            }
            var all = ConversationFilter.all();
            try (AutoCloseable held = first.tryJobLock("retention").orElseThrow()) {
                assertThat(second.tryJobLock("retention"))
                        .as("held by the other instance")
                        .isEmpty();
                new RetentionJob(second, 30, Clock.fixed(now, ZoneOffset.UTC), new ServiceMetrics(second)).run();
                assertThat(second.conversations().list(project, all).items()).hasSize(1);
            }
            new RetentionJob(second, 30, Clock.fixed(now, ZoneOffset.UTC), new ServiceMetrics(second)).run();
            assertThat(second.conversations().list(project, all).items()).isEmpty();
            try (AutoCloseable again = first.tryJobLock("retention").orElseThrow()) {
                assertThat(again).as("released after the round").isNotNull();
            }
        }
    }
}
