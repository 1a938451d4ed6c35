package dev.colloquy.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.persistence.config.ConfigurationException;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void percentEncodingDecodesUtf8AndKeepsPlusSigns() {
        assertThat(PostgresUrl.decode("U", "a%20b+c%C3%A9", "password")).isEqualTo("a b+cé");
        assertThatThrownBy(() -> PostgresUrl.decode("U", "%4", "password")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theDatabaseDefaultsToTheUserNameAsWithLibpq() {
        var url = PostgresUrl.parse("U", "postgres://app@db");
        assertThat(url.location()).isEqualTo("db:5432/app");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(url.toString()).isEqualTo("PostgresUrl[db:5432/app as app]");
    }

    @Test
    void databaseNamesAreEncodedInTheJdbcUrl() {
        assertThat(PostgresUrl.parse("U", "postgres://u@h/my%20db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/my%20db");
    }

    @Test
    void theConnectTimeoutParameterMustBeANumber() {
        assertThat(PostgresUrl.parse("U", "postgres://u@h/d?connect_timeout=5").parameters())
                .containsEntry("connectTimeout", "5");
        assertThatThrownBy(() -> PostgresUrl.parse("U", "postgres://u@h/d?connect_timeout=soon"))
                .isInstanceOf(ConfigurationException.class);
    }
}
