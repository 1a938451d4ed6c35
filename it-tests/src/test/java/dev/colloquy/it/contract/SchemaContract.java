package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.SchemaException;
import dev.colloquy.persistence.config.MigrateMode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Startup's schema rules: migrate, validate, and refuse what the build does not know. */
public interface SchemaContract extends ContractSupport {

    private static DatabaseSettings withMigrate(DatabaseSettings settings, MigrateMode mode) {
        return new DatabaseSettings(
                settings.backend(), settings.target(), settings.pool(), settings.startupTimeout(), mode);
    }

    @Test
    default void openedDatabaseIsMigratedToTheLatestVersion() {
        var schema = database().schema();
        assertThat(schema.isCurrent()).isTrue();
        assertThat(schema.current()).contains(schema.latest());
        assertThat(schema.pending()).isEmpty();
    }

    @Test
    default void reopeningACurrentDatabaseAppliesNothingAndKeepsData() {
        var settings = freshSettings();
        UUID project;
        try (var first = Database.open(settings)) {
            project = first.projects().create("kept").id();
        }
        try (var second = Database.open(withMigrate(settings, MigrateMode.VALIDATE))) {
            assertThat(second.projects().find(project)).isPresent();
            assertThat(second.schema().isCurrent()).isTrue();
        }
    }

    @Test
    default void validateModeRefusesAnUnmigratedDatabase() {
        assertThatThrownBy(() -> Database.open(withMigrate(freshSettings(), MigrateMode.VALIDATE))
                        .close())
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("pending")
                .hasMessageContaining("colloquy migrate");
    }

    @Test
    default void aSchemaNewerThanTheBuildIsRefused() throws Exception {
        var settings = freshSettings();
        try (var db = Database.open(settings);
                Connection connection = db.dataSources().writer().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                            + " checksum, installed_by, execution_time, success)"
                            + " VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 0, true)");
        }
        for (MigrateMode mode : MigrateMode.values()) {
            assertThatThrownBy(() -> Database.open(withMigrate(settings, mode)).close())
                    .as("DB_MIGRATE=%s", mode)
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("newer than this build");
        }
    }

    @Test
    default void aSchemaThatDisagreesWithTheMappingIsRefused() throws Exception {
        var settings = freshSettings();
        try (var db = Database.open(settings);
                Connection connection = db.dataSources().writer().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("ALTER TABLE api_token RENAME COLUMN last_used_at TO last_use");
        }
        assertThatThrownBy(() -> Database.open(settings).close())
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("does not match")
                .hasMessageContaining("last_used_at");
    }

    @Test
    default void searchIndexIsConsistentAfterWork() {
        var project = newProject();
        var conversation = newConversation(project);
        append(project, conversation.id(), "one", "two", "three");
        database().messages().replace(project, conversation.id(), List.of());
        assertThat(database().searchIndexConsistent()).isTrue();
    }
}
