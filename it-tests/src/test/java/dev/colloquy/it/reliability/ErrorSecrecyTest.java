package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.it.TestDatabases;
import dev.colloquy.persistence.Database;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write the database refuses never carries the refused values into an exception's message,
 * whence Hibernate and the server would log them: not the server's detail line, not a failed
 * batch's statement with its parameters.
 */
class ErrorSecrecyTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void aRefusedBatchNamesNoneOfItsValues(String backend) throws Exception {
        String secret = "secret-value-" + UUID.randomUUID();
        try (var database = Database.open(TestDatabases.fresh(backend))) {
            var codec = database.settings().backend().connections().columns();
            try (var connection = database.dataSources().writer().getConnection();
                    var insert = connection.prepareStatement(
                            "INSERT INTO project (id, name, created_at) VALUES (?, ?, ?)")) {
                for (int i = 0; i < 2; i++) {
                    codec.setId(insert, 1, UUID.randomUUID());
                    insert.setString(2, secret); // the second violates the unique name
                    codec.setInstant(insert, 3, Instant.now());
                    insert.addBatch();
                }
                assertThatThrownBy(insert::executeBatch).isInstanceOfSatisfying(SQLException.class, e -> {
                    for (SQLException each = e; each != null; each = each.getNextException()) {
                        assertThat(String.valueOf(each.getMessage()))
                                .as("the message of %s", each.getClass().getSimpleName())
                                .doesNotContain(secret);
                        for (Throwable cause = each.getCause(); cause != null; cause = cause.getCause()) {
                            assertThat(String.valueOf(cause.getMessage())).doesNotContain(secret);
                        }
                    }
                });
            }
        }
    }
}
