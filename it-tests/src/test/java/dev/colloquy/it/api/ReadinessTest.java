package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Readiness follows the schema: once the database holds a version this build does not know, it answers 503. */
class ReadinessTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void readinessTurnsDownWhenTheSchemaIsNoLongerCurrent(String backend) throws Exception {
        try (var server = new ServerFixture(backend)) {
            assertThat(server.api().get("/health/ready", null).status()).isEqualTo(200);
            try (Connection connection =
                            server.database().dataSources().writer().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                        + " script, checksum, installed_by, execution_time, success)"
                        + " VALUES (999, '999', 'from a newer release', 'SQL', 'V999__newer.sql', 0, 'test', 0, true)");
            }

            var ready = server.api().get("/health/ready", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.contentType()).startsWith("application/json");
            assertThat(ready.header("Retry-After")).isEqualTo("5");
            assertThat(ready.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(ready.json().get("detail").asText()).contains("schema is not current");
            assertThat(server.api().get("/health/live", null).status()).isEqualTo(200);
        }
    }
}
