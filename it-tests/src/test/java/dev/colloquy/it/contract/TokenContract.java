package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.token.ApiToken;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

public interface TokenContract extends ContractSupport {

    @Test
    default void issuedTokenAuthenticatesAndIsStoredOnlyAsAHash() throws Exception {
        UUID project = newProject();
        var issued = database().tokens().issue(project, "ci", true, Optional.empty());

        assertThat(issued.secret()).startsWith("cq_").hasSizeGreaterThanOrEqualTo(43);
        assertThat(issued.toString()).doesNotContain(issued.secret());
        assertThat(database().tokens().authenticate(issued.secret())).contains(issued.token());
        assertThat(issued.token().admin()).isTrue();
        assertThat(database().tokens().authenticate(issued.secret() + "x")).isEmpty();
        assertThat(database().tokens().authenticate("")).isEmpty();
        try (Connection connection = database().dataSources().reader().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, secret_hash FROM api_token")) {
            while (rows.next()) {
                assertThat(rows.getString(1) + rows.getString(2)).doesNotContain(issued.secret());
            }
        }
    }

    @Test
    default void revokedAndExpiredTokensNoLongerAuthenticate() {
        UUID project = newProject();
        Instant now = Instant.parse("2035-06-01T12:00:00Z");
        var revoked = database().tokens().issue(project, "old", false, Optional.empty());
        var expiring = database()
                .tokens()
                .issue(project, "short", false, Optional.of(Instant.now().plusSeconds(3600)));

        ApiToken first = database().tokens().revoke(revoked.token().id());
        ApiToken again = database().tokens().revoke(revoked.token().id());

        assertThat(database().tokens().authenticate(revoked.secret())).isEmpty();
        assertThat(first.revokedAt()).isPresent();
        assertThat(again.revokedAt()).isEqualTo(first.revokedAt());
        assertThat(database().tokens().authenticate(expiring.secret())).isPresent();
        try (var pin = clock().pin(now)) {
            assertThat(database().tokens().authenticate(expiring.secret())).isEmpty();
        }
        assertThatThrownBy(() -> database().tokens().revoke(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    default void tokensAreListedPerProjectOldestFirst() {
        UUID project = newProject();
        UUID other = newProject();
        var a = database().tokens().issue(project, "a", false, Optional.empty());
        var b = database().tokens().issue(project, "b", true, Optional.empty());
        database().tokens().issue(other, "c", false, Optional.empty());

        assertThat(database().tokens().list(project))
                .extracting(ApiToken::id)
                .containsExactly(a.token().id(), b.token().id());
        assertThat(database().tokens().any()).isTrue();
    }

    @Test
    default void lastUseIsRecordedAndNeverMovesBack() {
        UUID project = newProject();
        var token = database().tokens().issue(project, "used", false, Optional.empty());
        Instant t = Instant.parse("2036-01-01T00:00:00.456789Z");

        database().tokens().recordUse(Map.of(token.token().id(), t));
        database().tokens().recordUse(Map.of(token.token().id(), t.minusSeconds(60)));
        database().tokens().recordUse(Map.of());

        assertThat(database().tokens().find(token.token().id()).orElseThrow().lastUsedAt())
                .contains(Instant.parse("2036-01-01T00:00:00.456Z"));
    }

    @Test
    default void tokenRulesAreEnforced() {
        UUID project = newProject();
        assertThatThrownBy(() -> database().tokens().issue(UUID.randomUUID(), "x", false, Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> database().tokens().issue(project, "", false, Optional.empty()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database()
                        .tokens()
                        .issue(project, "past", false, Optional.of(Instant.now().minusSeconds(1))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database().tokens().issueWithSecret(project, "short", true, "too-short"))
                .isInstanceOf(InvalidInputException.class);

        String chosen = "chosen-secret-" + UUID.randomUUID();
        var issued = database().tokens().issueWithSecret(project, "bootstrap", true, chosen);
        assertThat(database().tokens().authenticate(chosen)).contains(issued.token());
        assertThatThrownBy(() -> database().tokens().issueWithSecret(project, "again", true, chosen))
                .isInstanceOf(ConflictException.class);
    }
}
