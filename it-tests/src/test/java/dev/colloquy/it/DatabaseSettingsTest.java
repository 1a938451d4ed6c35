package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.MigrateMode;
import dev.colloquy.persistence.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resolving the database settings with the real backends on the class path. */
class DatabaseSettingsTest {

    private static final String PASSWORD = "s3cr3t:p@ss/w%rd";
    private static final String ENCODED_PASSWORD = "s3cr3t%3Ap%40ss%2Fw%25rd";

    private static DatabaseSettings resolve(String... pairs) {
        var values = new HashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return DatabaseSettings.resolve(Settings.of(values), TestDatabases.backends());
    }

    private static ConfigurationException failure(String... pairs) {
        try {
            resolve(pairs);
        } catch (ConfigurationException e) {
            assertThat(e.getMessage())
                    .doesNotContain(PASSWORD)
                    .doesNotContain(ENCODED_PASSWORD)
                    .doesNotContain("\n");
            return e;
        }
        throw new AssertionError("expected a configuration error for " + String.join(" ", pairs));
    }

    @Test
    void nothingConfiguredMeansSqliteAtTheDefaultPath() {
        var settings = resolve();

        Path expected = Path.of("data", "colloquy.db").toAbsolutePath().normalize();
        assertThat(settings.backend().name()).isEqualTo("sqlite");
        assertThat(settings.target().location()).isEqualTo(expected.toString());
        assertThat(settings.describe()).isEqualTo("Using SQLite database at " + expected);
        assertThat(settings.migrate()).isEqualTo(MigrateMode.AUTO);
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.pool().maxSize()).isEqualTo(4);
    }

    @Test
    void sqliteSynchronousIsFullByDefaultAndNormalWhenChosen() {
        assertThat(resolve().target().properties()).containsEntry("synchronous", "FULL");
        assertThat(resolve("DATABASE_URL", "sqlite:x.db").target().properties()).containsEntry("synchronous", "FULL");
        assertThat(resolve("SQLITE_SYNCHRONOUS", "normal").target().properties())
                .containsEntry("synchronous", "NORMAL");
        assertThat(resolve("DATABASE_URL", "sqlite:x.db", "SQLITE_SYNCHRONOUS", "FULL")
                        .target()
                        .properties())
                .containsEntry("synchronous", "FULL");
    }

    @Test
    void sqliteSynchronousRefusesOtherValuesAndOtherBackends() {
        var wrong = failure("SQLITE_SYNCHRONOUS", "off");
        assertThat(wrong.setting()).isEqualTo("SQLITE_SYNCHRONOUS");
        assertThat(wrong.getMessage()).contains("must be full or normal, was 'off'");
        var elsewhere = failure("DATABASE_URL", "postgres://u@db/x", "SQLITE_SYNCHRONOUS", "normal");
        assertThat(elsewhere.setting()).isEqualTo("SQLITE_SYNCHRONOUS");
        assertThat(elsewhere.getMessage()).contains("is a SQLite setting, but the database is PostgreSQL");
    }

    @Test
    void postgresLockTimeoutIsFiveSecondsUnlessSetAndRefusedOnSqlite() {
        assertThat(resolve("DATABASE_URL", "postgres://u@db/x").target().properties())
                .containsEntry("colloquy.lockTimeoutMillis", "5000");
        assertThat(resolve("DATABASE_URL", "postgres://u@db/x", "POSTGRES_LOCK_TIMEOUT", "250ms")
                        .target()
                        .properties())
                .containsEntry("colloquy.lockTimeoutMillis", "250");
        assertThat(failure("DATABASE_URL", "postgres://u@db/x", "POSTGRES_LOCK_TIMEOUT", "50ms")
                        .getMessage())
                .contains("must be between 100ms and 10m");
        var onSqlite = failure("POSTGRES_LOCK_TIMEOUT", "2s");
        assertThat(onSqlite.setting()).isEqualTo("POSTGRES_LOCK_TIMEOUT");
        assertThat(onSqlite.getMessage()).contains("is a PostgreSQL setting, but the database is SQLite");
    }

    @Test
    void libpqVariablesAreIgnoredUnlessPostgresIsChosen() {
        assertThat(resolve("PGHOST", "db.internal", "PGPASSWORD", PASSWORD)
                        .backend()
                        .name())
                .isEqualTo("sqlite");
    }

    @ParameterizedTest
    @CsvSource({
        "sqlite:////var/lib/colloquy/c.db, /var/lib/colloquy/c.db",
        "sqlite:/var/lib/colloquy/c.db, /var/lib/colloquy/c.db",
        "sqlite:///:memory:, :memory:",
        "jdbc:sqlite:/tmp/x.db, /tmp/x.db",
        "sqlite::memory:, :memory:",
        "jdbc:sqlite::memory:, :memory:"
    })
    void sqliteUrlFormsAreAccepted(String url, String location) {
        var settings = resolve("DATABASE_URL", url);
        assertThat(settings.backend().name()).isEqualTo("sqlite");
        assertThat(settings.target().location()).isEqualTo(location);
    }

    @Test
    void relativeSqlitePathsResolveAgainstTheWorkingDirectory() {
        assertThat(resolve("DATABASE_URL", "sqlite:relative/dir/c.db").target().location())
                .isEqualTo(Path.of("relative/dir/c.db")
                        .toAbsolutePath()
                        .normalize()
                        .toString());
        assertThat(resolve("DATABASE_URL", "sqlite:///relative/dir/c.db")
                        .target()
                        .location())
                .as("three slashes: SQLAlchemy's relative form")
                .isEqualTo(Path.of("relative/dir/c.db")
                        .toAbsolutePath()
                        .normalize()
                        .toString());
        assertThat(resolve("DATABASE_PATH", "other.db").target().location())
                .isEqualTo(Path.of("other.db").toAbsolutePath().toString());
    }

    @ParameterizedTest
    @CsvSource({
        "postgres://colloquy:" + ENCODED_PASSWORD
                + "@db.example.com:6543/memory?sslmode=require, db.example.com:6543/memory",
        "postgresql://colloquy:" + ENCODED_PASSWORD + "@db.example.com/memory, db.example.com:5432/memory",
        "jdbc:postgresql://db.example.com:5433/memory?user=colloquy&password=" + ENCODED_PASSWORD
                + ", db.example.com:5433/memory",
        "postgres://colloquy:" + ENCODED_PASSWORD + "@[::1]:5432/memory, [::1]:5432/memory"
    })
    void postgresUrlFormsAreAcceptedAndThePasswordIsDecodedButNeverShown(String url, String location) {
        var settings = resolve("DATABASE_URL", url);

        assertThat(settings.backend().name()).isEqualTo("postgres");
        assertThat(settings.target().location()).isEqualTo(location);
        assertThat(settings.target().user()).contains("colloquy");
        assertThat(settings.target().password().reveal()).isEqualTo(PASSWORD);
        assertThat(settings.describe()).isEqualTo("Using PostgreSQL database at " + location);
        assertThat(settings.toString() + settings.target() + settings.target().jdbcUrl())
                .doesNotContain(PASSWORD)
                .doesNotContain(ENCODED_PASSWORD);
    }

    @Test
    void sslmodeIsPassedThroughToTheDriver() {
        var settings = resolve("DATABASE_URL", "postgres://u@h/d?sslmode=verify-full&sslrootcert=/etc/ca.pem");
        assertThat(settings.target().properties())
                .containsEntry("sslmode", "verify-full")
                .containsEntry("sslrootcert", "/etc/ca.pem");
    }

    @Test
    void discreteLibpqVariablesAreUsedForPostgres() {
        var settings = resolve(
                "DB_DRIVER",
                "postgres",
                "PGHOST",
                "pg.internal",
                "PGPORT",
                "6000",
                "PGDATABASE",
                "mem",
                "PGUSER",
                "app",
                "PGPASSWORD",
                PASSWORD,
                "PGSSLMODE",
                "require");

        assertThat(settings.target().location()).isEqualTo("pg.internal:6000/mem");
        assertThat(settings.target().user()).contains("app");
        assertThat(settings.target().password().reveal()).isEqualTo(PASSWORD);
        assertThat(settings.target().properties()).containsEntry("sslmode", "require");
        assertThat(settings.pool().maxSize()).isEqualTo(10);
        assertThat(resolve("DB_DRIVER", "POSTGRES", "PGUSER", "app").target().location())
                .isEqualTo("localhost:5432/app");
    }

    @Test
    void aMaxLifetimeOfZeroMeansConnectionsAreNeverReplaced() {
        assertThat(resolve("DB_POOL_MAX_LIFETIME", "0").pool().maxLifetime()).isZero();
    }

    @Test
    void poolStartupAndMigrateSettingsOverrideDefaults() {
        var settings = resolve(
                "DB_POOL_MAX_SIZE",
                "7",
                "DB_POOL_MIN_IDLE",
                "3",
                "DB_POOL_CONNECT_TIMEOUT",
                "2s",
                "DB_POOL_MAX_LIFETIME",
                "10m",
                "DB_STARTUP_TIMEOUT",
                "PT90S",
                "DB_MIGRATE",
                "validate");

        assertThat(settings.pool().maxSize()).isEqualTo(7);
        assertThat(settings.pool().minIdle()).isEqualTo(3);
        assertThat(settings.pool().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.pool().maxLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.migrate()).isEqualTo(MigrateMode.VALIDATE);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "DB_DRIVER|mysql|DB_DRIVER",
                "DATABASE_URL|mysql://u:p@h/db|DATABASE_URL",
                "DATABASE_URL|postgres:///db|DATABASE_URL",
                "DATABASE_URL|postgres://u@h:99999/db|DATABASE_URL",
                "DATABASE_URL|postgres://u@h:port/db|DATABASE_URL",
                "DATABASE_URL|postgres://h/|DATABASE_URL",
                "DATABASE_URL|postgres://u@h/db?sslmode=sometimes|DATABASE_URL",
                "DATABASE_URL|postgres://u@h/db?fallback=1|DATABASE_URL",
                "DATABASE_URL|postgres://u@h1,h2/db|DATABASE_URL",
                "DATABASE_URL|postgres://u:%zz@h/db|DATABASE_URL",
                "DATABASE_URL|postgres://u@[::1/db|DATABASE_URL",
                "DATABASE_URL|postgresql:h/db|DATABASE_URL",
                "DATABASE_URL|sqlite:|DATABASE_URL",
                "DATABASE_URL|sqlite://relative.db|DATABASE_URL",
                "DATABASE_URL|sqlite:/tmp/x.db?mode=ro|DATABASE_URL",
                "DATABASE_URL|sqlite:file:x.db|DATABASE_URL",
                "DATABASE_URL|sqlite:dir/|DATABASE_URL",
                "DB_POOL_MAX_SIZE|0|DB_POOL_MAX_SIZE",
                "DB_POOL_MAX_SIZE|many|DB_POOL_MAX_SIZE",
                "DB_POOL_MIN_IDLE|9|DB_POOL_MIN_IDLE",
                "DB_POOL_CONNECT_TIMEOUT|10ms|DB_POOL_CONNECT_TIMEOUT",
                "DB_POOL_MAX_LIFETIME|5s|DB_POOL_MAX_LIFETIME",
                "DB_STARTUP_TIMEOUT|soon|DB_STARTUP_TIMEOUT",
                "DB_STARTUP_TIMEOUT|-PT5S|DB_STARTUP_TIMEOUT",
                "DB_MIGRATE|sometimes|DB_MIGRATE"
            })
    void malformedSettingsAreRejectedNamingTheSetting(String name, String value, String blamed) {
        assertThat(failure(name, value).setting()).isEqualTo(blamed);
        assertThat(failure(name, value).getMessage()).startsWith(blamed + ": ");
    }

    @Test
    void contradictionsAreRejectedNamingTheSetting() {
        assertThat(failure("DB_DRIVER", "sqlite", "DATABASE_URL", "postgres://u:" + ENCODED_PASSWORD + "@h/db")
                        .setting())
                .isEqualTo("DB_DRIVER");
        assertThat(failure("DB_DRIVER", "postgres", "DATABASE_URL", "sqlite:x.db")
                        .setting())
                .isEqualTo("DB_DRIVER");
        assertThat(failure("DATABASE_PATH", "x.db", "DATABASE_URL", "sqlite:y.db")
                        .setting())
                .isEqualTo("DATABASE_PATH");
        assertThat(failure("DATABASE_PATH", "x.db", "DATABASE_URL", "postgres://u@h/db")
                        .setting())
                .isEqualTo("DATABASE_PATH");
        assertThat(failure("DATABASE_PATH", "x.db", "DB_DRIVER", "postgres").setting())
                .isEqualTo("DATABASE_PATH");
        assertThat(failure("DB_DRIVER", "postgres", "PGPORT", "abc").setting()).isEqualTo("PGPORT");
        assertThat(failure("DB_DRIVER", "postgres", "PGSSLMODE", "maybe").setting())
                .isEqualTo("PGSSLMODE");
        assertThat(failure("DB_DRIVER", "postgres", "PGHOST", "/var/run/postgresql")
                        .setting())
                .isEqualTo("PGHOST");
    }

    /**
     * A server's data source needs DB_DRIVER, excludes a URL and a file path, and is known by a
     * java: name; the target is a placeholder until a connection names the database, whose URL
     * must then be the named backend's.
     */
    @Test
    void aServerDataSourceIsNamedWithItsDriver() {
        var settings = resolve("DATABASE_JNDI", "java:jboss/datasources/Colloquy", "DB_DRIVER", "postgres");
        assertThat(settings.backend().name()).isEqualTo("postgres");
        assertThat(settings.dataSource()).contains("java:jboss/datasources/Colloquy");
        assertThat(settings.describe()).contains("data source java:jboss/datasources/Colloquy");
        var reached = settings.reachedAt("jdbc:postgresql://db.internal:5433/memory?ApplicationName=colloquy");
        assertThat(reached.target().location()).isEqualTo("db.internal:5433/memory");
        assertThat(reached.target().properties())
                .as("the options the settings gave are kept")
                .containsKey("colloquy.lockTimeoutMillis");
        assertThat(assertThrows(() -> settings.reachedAt("jdbc:sqlite:/tmp/x.db"))
                        .setting())
                .isEqualTo("DB_DRIVER");

        assertThat(failure("DATABASE_JNDI", "java:jboss/datasources/Colloquy").getMessage())
                .startsWith("DATABASE_JNDI: needs DB_DRIVER");
        assertThat(failure("DATABASE_JNDI", "jboss/datasources/Colloquy", "DB_DRIVER", "sqlite")
                        .setting())
                .isEqualTo("DATABASE_JNDI");
        assertThat(failure("DATABASE_JNDI", "java:x", "DB_DRIVER", "sqlite", "DATABASE_URL", "sqlite:y.db")
                        .setting())
                .isEqualTo("DATABASE_JNDI");
        assertThat(failure("DATABASE_JNDI", "java:x", "DB_DRIVER", "sqlite", "DATABASE_PATH", "y.db")
                        .setting())
                .isEqualTo("DATABASE_PATH");
    }

    private static ConfigurationException assertThrows(Runnable work) {
        try {
            work.run();
        } catch (ConfigurationException e) {
            return e;
        }
        throw new AssertionError("no ConfigurationException");
    }

    @Test
    void aMalformedUrlNeverEchoesItsPassword() {
        var error = failure("DATABASE_URL", "postgres://u:" + ENCODED_PASSWORD + "@h:notaport/db");
        assertThat(error.getMessage()).contains("notaport");
        var unknown = failure("DATABASE_URL", "mysql://u:" + ENCODED_PASSWORD + "@h/db");
        assertThat(unknown.getMessage()).contains("mysql:");
    }

    @Test
    void settingsNeverShowValuesInTheirOwnDescription() {
        assertThat(Settings.of(Map.of("PGPASSWORD", PASSWORD, "BLANK", " ")).toString())
                .isEqualTo("Settings[PGPASSWORD]");
    }
}
