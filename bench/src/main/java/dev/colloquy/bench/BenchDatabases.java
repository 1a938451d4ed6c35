package dev.colloquy.bench;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh databases for the scenarios: SQLite files in a scratch folder, and databases on one
 * PostgreSQL server with durable settings ({@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} on, checked): the server {@code --postgres-url} names, else an embedded one
 * started here from the binaries on Maven Central.
 */
final class BenchDatabases implements AutoCloseable {

    private final Path scratch;
    private final AtomicInteger counter = new AtomicInteger();
    private EmbeddedPostgres embedded;
    private String serverUrl;
    private String serverDescription = "none";

    BenchDatabases(Path scratch, String postgresUrl) {
        this.scratch = scratch;
        this.serverUrl = postgresUrl;
    }

    String fresh(String backend) {
        return switch (backend) {
            case "sqlite" -> "sqlite:" + scratch.resolve("bench-" + counter.incrementAndGet() + ".db");
            case "postgres" -> freshPostgres();
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
    }

    /** Which PostgreSQL the run measured, with its durability settings, for the report. */
    String postgresDescription() {
        return serverDescription;
    }

    private synchronized String freshPostgres() {
        if (serverUrl == null) {
            startEmbedded();
        }
        String name = "colloquy_bench_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
        try (var connection = connect(serverUrl);
                var statement = connection.createStatement()) {
            if (serverDescription.equals("none")) {
                serverDescription = describe(statement)
                        + (embedded != null ? ", embedded (zonky binaries)" : ", given by --postgres-url");
            }
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a benchmark database: " + e.getMessage(), e);
        }
        URI uri = URI.create(serverUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + name;
    }

    private static String describe(Statement statement) throws SQLException {
        var text = new StringBuilder();
        try (var rows = statement.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
                + " current_setting('synchronous_commit'), current_setting('full_page_writes'),"
                + " current_setting('shared_buffers')")) {
            rows.next();
            text.append("PostgreSQL ")
                    .append(rows.getString(1))
                    .append(" (fsync=")
                    .append(rows.getString(2))
                    .append(", synchronous_commit=")
                    .append(rows.getString(3))
                    .append(", full_page_writes=")
                    .append(rows.getString(4))
                    .append(", shared_buffers=")
                    .append(rows.getString(5))
                    .append(")");
            if (!"on".equals(rows.getString(2)) || !"on".equals(rows.getString(3))) {
                throw new IllegalStateException("the PostgreSQL server is not durable: " + text
                        + "; benchmarks need fsync and synchronous_commit on");
            }
        }
        return text.toString();
    }

    private void startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory(scratch, "pg-"))
                    .setCleanDataDirectory(true)
                    // zonky starts the server with -F (no fsync); these settings come after it and win.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
        serverUrl = "postgres://postgres@localhost:" + embedded.getPort() + "/postgres";
    }

    static Connection connect(String url) throws SQLException {
        URI uri = URI.create(url);
        String[] user = uri.getUserInfo() == null
                ? new String[] {"postgres"}
                : uri.getUserInfo().split(":", 2);
        return DriverManager.getConnection(
                "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath(),
                user[0],
                user.length > 1 ? user[1] : null);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
