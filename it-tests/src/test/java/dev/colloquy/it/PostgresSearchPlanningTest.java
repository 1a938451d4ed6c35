package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Role;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.search.SearchRequest;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On PostgreSQL every search statement is planned for its words, however often it has run on a
 * connection: a generic plan (one plan for any words, which the server chooses for a prepared
 * statement after its fifth run when it seems no dearer) walks the primary key for a rare word or
 * reads every match of a common one. The database here asks for generic plans outright
 * ({@code plan_cache_mode = force_generic_plan}); the server's count of each prepared statement's
 * plans shows that Colloquy's searches still got plans of their own. (SQLite's plans do not depend
 * on the words.)
 */
@Timeout(120)
class PostgresSearchPlanningTest {

    private static final List<String> WORDS =
            List.of("alpha", "beta", "gamma", "delta", "alpha beta", "\"beta gamma\"", "gam*", "alpha -delta");

    @Test
    void searchesArePlannedForTheirWordsEvenWhereTheServerWouldPlanThemOnce() throws Exception {
        String url = TestDatabases.freshUrl("postgres");
        var target = TestDatabases.settings(url).target();
        String database = URI.create(url).getPath().substring(1);
        try (Connection operator = DriverManager.getConnection(
                        target.jdbcUrl(),
                        target.user().orElse(null),
                        target.password().isEmpty() ? null : target.password().reveal());
                Statement statement = operator.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " SET plan_cache_mode = force_generic_plan");
        }
        var settings = DatabaseSettings.resolve(
                Settings.of(Map.of("DATABASE_URL", url, "DB_POOL_MAX_SIZE", "2", "DB_POOL_MIN_IDLE", "2")),
                TestDatabases.backends());
        try (Database store = Database.open(settings)) {
            var project = store.projects().findOrCreate("planned");
            var conversation = store.conversations().create(project.id(), NewConversation.titled("alpha gamma"));
            store.messages()
                    .append(
                            project.id(),
                            conversation.id(),
                            List.of("alpha beta gamma", "beta gamma delta", "gamma alpha", "delta").stream()
                                    .map(text -> NewMessage.of(Role.USER.wireName(), text))
                                    .toList());
            int runs = 0;
            for (int round = 0; round < 3; round++) {
                for (String words : WORDS) {
                    var hits = store.search()
                            .search(project.id(), SearchRequest.of(words).withLimit(10));
                    assertThat(hits).as(words).isNotEmpty();
                    runs++;
                }
            }
            // Two connections in each pool: the reader's two sessions are the ones the searches ran on.
            long generic = 0;
            long custom = 0;
            try (Connection first = store.dataSources().reader().getConnection();
                    Connection second = store.dataSources().reader().getConnection()) {
                for (Connection session : List.of(first, second)) {
                    try (Statement statement = session.createStatement()) {
                        try (ResultSet rows = statement.executeQuery("SHOW plan_cache_mode")) {
                            rows.next();
                            assertThat(rows.getString(1))
                                    .as("the session's own setting, outside a search")
                                    .isEqualTo("force_generic_plan");
                        }
                        try (ResultSet rows =
                                statement.executeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                                        + " WHERE statement LIKE '%search_vector @@%ORDER BY m.id DESC%'")) {
                            while (rows.next()) {
                                generic += rows.getLong("generic_plans");
                                custom += rows.getLong("custom_plans");
                            }
                        }
                    }
                }
            }
            assertThat(generic).as("generic plans of the message search").isZero();
            // pgjdbc prepares a statement on the server from its fifth run on a connection.
            assertThat(custom).as("plans of the message search for its words").isGreaterThanOrEqualTo(runs - 2 * 5);
        }
    }
}
