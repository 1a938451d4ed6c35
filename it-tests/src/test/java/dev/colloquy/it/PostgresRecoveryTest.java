package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.NewConversation;
import dev.colloquy.message.History;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * When the server kills every Colloquy session (as a restart or failover does), the next calls
 * succeed on their own: the pool replaces the dead connections and the unit of work runs again.
 */
class PostgresRecoveryTest {

    @Test
    void storesRecoverWhenTheServerTerminatesEverySession() throws Exception {
        var settings = TestDatabases.fresh("postgres");
        try (var database = Database.open(settings)) {
            UUID project = database.projects().create("recovery").id();
            var conversation = database.conversations().create(project, NewConversation.empty());
            database.messages().append(project, conversation.id(), List.of(NewMessage.of("user", "before")));
            String name = settings.target()
                    .location()
                    .substring(settings.target().location().indexOf('/') + 1);

            int killed = terminateSessions(name);

            assertThat(killed).isPositive();
            assertThat(database.messages().history(project, conversation.id(), History.last(5)))
                    .hasSize(1);
            terminateSessions(name);
            database.messages().append(project, conversation.id(), List.of(NewMessage.of("user", "after")));
            assertThat(database.conversations().get(project, conversation.id()).messageCount())
                    .isEqualTo(2);
        }
    }

    private static int terminateSessions(String database) throws Exception {
        var pg = TestDatabases.postgres();
        try (Connection admin =
                        DriverManager.getConnection(pg.jdbcUrl(pg.maintenanceDatabase()), pg.user(), pg.password());
                Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = '" + database + "' AND application_name = 'colloquy'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
