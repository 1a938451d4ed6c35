package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.Role;
import dev.colloquy.message.History;
import dev.colloquy.message.Message;
import dev.colloquy.message.MessageExtras;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.Migrator;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.semantic.VectorModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upgrade harness: for every schema version a backend has ever had, a database is migrated to
 * exactly that version, filled by plain SQL in that version's shape ({@code
 * upgrade/BACKEND/V<version>__data.sql}), upgraded to the latest version by a normal start, and
 * read back through the stores. A new migration adds its own fixture; every fixture must describe
 * the same data, which the assertions below check.
 */
class UpgradeTest {

    static Stream<Arguments> versions() {
        var cases = new ArrayList<Arguments>();
        for (String backend : List.of("sqlite", "postgres")) {
            DatabaseSettings settings = TestDatabases.fresh(backend);
            try (var pools = settings.backend().connections().open(settings.target(), settings.pool())) {
                var status = new Migrator(settings.backend(), settings.target(), pools.writer()).status();
                status.pending().forEach(version -> cases.add(Arguments.of(backend, version)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} from version {1}")
    @MethodSource("versions")
    void dataWrittenAtAnEarlierVersionSurvivesTheUpgrade(String backend, String version) throws Exception {
        DatabaseSettings settings = TestDatabases.fresh(backend);
        try (var pools = settings.backend().connections().open(settings.target(), settings.pool())) {
            settings.backend().schema().prepare(pools.writer());
            new Migrator(settings.backend(), settings.target(), pools.writer()).migrateTo(version);
            load(pools.writer(), "upgrade/" + backend + "/V" + version + "__data.sql");
        }

        try (Database database = Database.open(settings)) {
            assertThat(database.schema().isCurrent()).isTrue();
            var project = database.projects().findByName("upgrade-fixture").orElseThrow();
            assertThat(project.id()).isEqualTo(UUID.fromString("0190a0c0-d0e0-7000-8000-00000000a001"));
            assertThat(project.createdAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));

            var conversations = database.conversations()
                    .list(project.id(), ConversationFilter.all())
                    .items();
            assertThat(conversations).singleElement().satisfies(c -> {
                assertThat(c.title()).contains("Kept across upgrades");
                assertThat(c.metadata()).isEqualTo(Metadata.parse("m", "{\"n\":7,\"origin\":\"v1\"}"));
                assertThat(c.tags()).containsExactly("legacy");
                assertThat(c.messageCount()).isEqualTo(2);
                assertThat(c.updatedAt()).isEqualTo(Instant.parse("2023-11-14T22:13:21.234Z"));
            });
            UUID conversation = conversations.get(0).id();
            // Keys came with version 4; conversations stored before it have none.
            assertThat(conversations.get(0).key())
                    .isEqualTo(Integer.parseInt(version) >= 4 ? Optional.of("legacy:key") : Optional.empty());
            // The metadata rows of version 3 are there for conversations stored before it.
            assertThat(database.conversations()
                            .list(project.id(), ConversationFilter.all().withMetadata("origin", "v1"))
                            .items())
                    .extracting(c -> c.id())
                    .containsExactly(conversation);
            assertThat(database.conversations()
                            .list(project.id(), ConversationFilter.all().withMetadata("n", "7"))
                            .items())
                    .hasSize(1);
            assertThat(database.conversations()
                            .list(project.id(), ConversationFilter.all().withMetadata("origin", "v2"))
                            .items())
                    .isEmpty();
            List<Message> history = database.messages().history(project.id(), conversation, History.last(10));
            assertThat(history).extracting(Message::content).containsExactly("Hello, upgraded world!", "Still here.");
            assertThat(history).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
            assertThat(history).extracting(Message::extras).containsOnly(MessageExtras.EMPTY);
            assertThat(history.get(1).metadata()).isEqualTo(Metadata.parse("m", "{\"model\":\"m-1\"}"));
            assertThat(history.get(0).createdAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20.500Z"));

            assertThat(database.search().search(project.id(), SearchRequest.of("upgraded")))
                    .hasSize(1);
            assertThat(database.tokens().authenticate("cq_legacy-secret-for-upgrade-tests-0001"))
                    .hasValueSatisfying(token -> assertThat(token.admin()).isTrue());
            assertThat(database.messages()
                            .append(project.id(), conversation, List.of(NewMessage.of("user", "after the upgrade"))))
                    .extracting(Message::seq)
                    .containsExactly(3);
            // Messages stored before and after the upgrade are found together (SQLite's version 5
            // search reads them by the id ceilings the upgrade filled in).
            assertThat(database.search()
                            .find(project.id(), SearchRequest.of("upgrade*").withRole(Role.USER))
                            .hits())
                    .extracting(hit -> hit.messageId().orElseThrow())
                    .hasSize(2)
                    .doesNotHaveDuplicates();
            assertThat(database.searchIndexConsistent()).isTrue();
            // Vectors came with version 6: an old model's is kept until forgotten; the claim that
            // ran out is taken over, and every message waits for a vector of the model in use.
            var model = new VectorModel("all-minilm-l6-v2-q", 384);
            // Opting out came with version 7: a project stored before it searches by meaning.
            assertThat(project.semanticSearch()).isEqualTo(Integer.parseInt(version) < 7);
            if (!project.semanticSearch()) {
                assertThat(database.embeddings().backlog(model)).isZero();
                assertThat(database.embeddings().claim(model, 10, Duration.ofMinutes(1), Optional.empty()))
                        .isEmpty();
                assertThat(database.projects()
                                .semanticSearch(project.id(), true)
                                .semanticSearch())
                        .isTrue();
            }
            assertThat(database.embeddings().vectorsByModel())
                    .isEqualTo(Integer.parseInt(version) >= 6 ? Map.of("fixture-model", 1L) : Map.of());
            assertThat(database.embeddings().backlog(model)).isEqualTo(3);
            assertThat(database.embeddings().claim(model, 10, Duration.ofMinutes(1), Optional.empty()))
                    .extracting(pending -> pending.text())
                    .containsExactly("Hello, upgraded world!", "Still here.", "after the upgrade");
            assertThat(database.embeddings().forgetOtherModels(model))
                    .isEqualTo(Integer.parseInt(version) >= 6 ? 1 : 0);
            assertThat(database.embeddings().vectorsByModel()).isEmpty();
        }
    }

    private static void load(DataSource dataSource, String resource) throws IOException, SQLException {
        String sql;
        try (InputStream in = UpgradeTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in)
                    .as("fixture %s (every migration ships one)", resource)
                    .isNotNull();
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String part : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!part.isBlank()) {
                    statement.execute(part);
                }
            }
        }
    }
}
