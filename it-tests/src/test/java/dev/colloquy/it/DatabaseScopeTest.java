package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Limits;
import dev.colloquy.persistence.Database;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database opened for administration (what the token commands do, to start faster) serves
 * projects and tokens exactly as a full one, sees the full one's data and is seen by it, and
 * refuses the other stores with a message instead of failing inside Hibernate.
 */
class DatabaseScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void administrationServesProjectsAndTokensOnly(String backend) {
        String url = TestDatabases.freshUrl(backend);
        try (Database full = Database.open(TestDatabases.settings(url))) {
            var project = full.projects().findOrCreate("alpha");
            full.conversations().create(project.id(), NewConversation.titled("kept"));
            try (Database admin = Database.open(
                    TestDatabases.settings(url), Clock.systemUTC(), Limits.DEFAULTS, Database.Scope.ADMINISTRATION)) {
                assertThat(admin.projects().findByName("alpha")).contains(project);
                var issued = admin.tokens().issue(project.id(), "from-admin", true, Optional.empty());
                assertThat(admin.tokens().authenticate(issued.secret()))
                        .hasValueSatisfying(
                                t -> assertThat(t.id()).isEqualTo(issued.token().id()));
                var beta = admin.projects().findOrCreate("beta");
                assertThat(admin.projects().list()).extracting(p -> p.name()).containsExactly("alpha", "beta");
                admin.tokens().revoke(issued.token().id());

                assertThatThrownBy(admin::conversations)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("administration only");
                assertThatThrownBy(admin::messages).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(admin::search).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(admin::retention).isInstanceOf(IllegalStateException.class);

                // What the administration side wrote, the full side reads, and the other way round.
                assertThat(full.projects().findByName("beta")).contains(beta);
                assertThat(full.tokens().list(project.id()))
                        .singleElement()
                        .satisfies(t -> assertThat(t.revokedAt()).isPresent());
                assertThat(full.conversations()
                                .list(project.id(), ConversationFilter.all())
                                .items())
                        .extracting(c -> c.title())
                        .containsExactly(Optional.of("kept"));
            }
        }
    }
}
