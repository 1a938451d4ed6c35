package dev.colloquy.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.persistence.config.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqliteLocationTest {

    @Test
    void urlFormsResolveToAbsoluteFilesOrMemory() {
        // SQLAlchemy's and dj-database-url's forms, with their meaning.
        assertThat(SqliteLocation.parse("U", "sqlite:////srv/c.db").file()).contains(Path.of("/srv/c.db"));
        assertThat(SqliteLocation.parse("U", "sqlite:///srv/c.db").file())
                .contains(Path.of("srv/c.db").toAbsolutePath());
        assertThat(SqliteLocation.parse("U", "sqlite:///:memory:").isMemory()).isTrue();
        assertThat(SqliteLocation.parse("U", "sqlite://:memory:").isMemory()).isTrue();
        assertThat(SqliteLocation.parse("U", "sqlite://").isMemory()).isTrue();
        assertThat(SqliteLocation.parse("U", "sqlite:/srv/c.db").file()).contains(Path.of("/srv/c.db"));
        assertThat(SqliteLocation.parse("U", "sqlite:a/../b.db").file())
                .contains(Path.of("b.db").toAbsolutePath());
        assertThat(SqliteLocation.parse("U", "jdbc:sqlite:/srv/c.db").jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/c.db");
        assertThat(SqliteLocation.parse("U", "sqlite::memory:").isMemory()).isTrue();
        assertThat(SqliteLocation.memory().describe()).isEqualTo(":memory:");
    }

    @Test
    void unusableUrlsNameTheSetting() {
        for (String url : new String[] {
            "sqlite:",
            "sqlite://x.db",
            "sqlite://host/x.db",
            "sqlite:x.db?cache=shared",
            "sqlite:file:x.db",
            "sqlite:d/",
            "sqlite:///"
        }) {
            assertThatThrownBy(() -> SqliteLocation.parse("DATABASE_URL", url))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("DATABASE_URL: ");
        }
        assertThatThrownBy(() -> SqliteLocation.file("DATABASE_PATH", "bad\0path"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DATABASE_PATH: ");
    }
}
