package dev.colloquy.it;

import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.persistence.spi.Backends;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides which databases tests run on.
 *
 * <p>PostgreSQL, in this order: {@code TEST_DATABASE_URL} if set (a {@code postgres://} URL whose
 * user may create databases); else a Testcontainers container when a Docker engine answers; else
 * an embedded PostgreSQL unpacked from a Maven Central artifact. If none can be had, the tests
 * fail with a message saying how to provide one; they are never skipped.
 *
 * <p>Each call for a database returns a new, empty one (a new database on the server, or a new
 * temporary SQLite file), so tests never see each other's schema or data.
 */
public final class TestDatabases {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Backends BACKENDS = Backends.installed();
    private static volatile PostgresServer server;

    /** A PostgreSQL server on which tests may create databases. */
    record PostgresServer(
            String host, int port, String user, String password, String maintenanceDatabase, String source) {

        String url(String database) {
            String credentials = password.isEmpty() ? user : user + ":" + password;
            return "postgres://" + credentials + "@" + host + ":" + port + "/" + database;
        }

        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private TestDatabases() {}

    public static Backends backends() {
        return BACKENDS;
    }

    /** Settings for a new, empty database of the named backend ({@code sqlite} or {@code postgres}). */
    public static DatabaseSettings fresh(String backend) {
        return settings(freshUrl(backend));
    }

    public static String freshUrl(String backend) {
        return switch (backend) {
            case "sqlite" -> "sqlite:" + freshSqliteFile();
            case "postgres" -> freshPostgresUrl();
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
    }

    public static DatabaseSettings settings(String url) {
        return DatabaseSettings.resolve(Settings.of(Map.of("DATABASE_URL", url)), BACKENDS);
    }

    static Path freshSqliteFile() {
        try {
            Path folder = Files.createTempDirectory("colloquy-test-");
            folder.toFile().deleteOnExit();
            return folder.resolve("colloquy.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String freshPostgresUrl() {
        PostgresServer pg = postgres();
        String name = "colloquy_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection =
                        DriverManager.getConnection(pg.jdbcUrl(pg.maintenanceDatabase()), pg.user(), pg.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not create a test database on the PostgreSQL from " + pg.source()
                            + " (the user needs the CREATEDB privilege): " + e.getMessage(),
                    e);
        }
        return pg.url(name);
    }

    /** The PostgreSQL server for this JVM, started on first use. */
    static PostgresServer postgres() {
        PostgresServer current = server;
        if (current == null) {
            synchronized (TestDatabases.class) {
                current = server;
                if (current == null) {
                    current = startPostgres();
                    server = current;
                    LOG.info("PostgreSQL for tests: {}", current.source());
                }
            }
        }
        return current;
    }

    private static PostgresServer startPostgres() {
        String explicit = System.getenv("TEST_DATABASE_URL");
        if (explicit != null && !explicit.isBlank()) {
            return fromUrl(explicit.strip());
        }
        if (dockerAvailable()) {
            return container();
        }
        try {
            return embedded();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "No PostgreSQL for the contract suite: TEST_DATABASE_URL is not set, no"
                            + " Docker engine answers, and the embedded PostgreSQL failed to start (" + e.getMessage()
                            + ")."
                            + " Set TEST_DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/postgres (a user that may create"
                            + " databases), start Docker, or run the tests as a user that may create user namespaces.",
                    e);
        }
    }

    private static PostgresServer fromUrl(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", "").replaceFirst("^postgresql:", "postgres:"));
        String[] userInfo = uri.getUserInfo() == null
                ? new String[] {"postgres"}
                : uri.getUserInfo().split(":", 2);
        String database = uri.getPath() == null || uri.getPath().length() <= 1
                ? "postgres"
                : uri.getPath().substring(1);
        return new PostgresServer(
                uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                userInfo[0],
                userInfo.length > 1 ? userInfo[1] : "",
                database,
                "TEST_DATABASE_URL");
    }

    /** Asks Testcontainers only where a Docker engine may be, so machines without one stay quiet. */
    private static boolean dockerAvailable() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by the JVM's shutdown hook of Testcontainers
    private static PostgresServer container() {
        var container = new PostgreSQLContainer("postgres:17-alpine").withCommand("postgres", "-c", "fsync=off");
        container.start();
        return new PostgresServer(
                container.getHost(),
                container.getFirstMappedPort(),
                container.getUsername(),
                container.getPassword(),
                container.getDatabaseName(),
                "Testcontainers (postgres:17-alpine)");
    }

    private static PostgresServer embedded() throws IOException {
        // synchronous_commit=off makes tests fast; it is never a setting to measure performance with.
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_connections", "300")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException e) {
                LOG.warn("Stopping the embedded PostgreSQL failed: {}", e.getMessage());
            }
        }));
        return new PostgresServer("localhost", pg.getPort(), "postgres", "", "postgres", "embedded PostgreSQL (zonky)");
    }
}
