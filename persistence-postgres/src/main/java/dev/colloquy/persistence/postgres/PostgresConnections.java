package dev.colloquy.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.PoolSettings;
import dev.colloquy.persistence.config.Secret;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.persistence.spi.BackendConnections;
import dev.colloquy.persistence.spi.ColumnCodec;
import dev.colloquy.persistence.spi.ConnectionTarget;
import dev.colloquy.persistence.spi.DataSources;
import dev.colloquy.persistence.spi.PoolGauge;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * PostgreSQL's connections: named by a URL or the libpq variables, one pool for reads and writes
 * alike, each session with its time zone, application name and timeouts set and checked.
 */
final class PostgresConnections implements BackendConnections {

    static final String PGHOST = "PGHOST";
    static final String PGPORT = "PGPORT";
    static final String PGDATABASE = "PGDATABASE";
    static final String PGUSER = "PGUSER";
    static final String PGPASSWORD = "PGPASSWORD";
    static final String PGSSLMODE = "PGSSLMODE";
    static final String APPLICATION_NAME = "colloquy";
    static final int MIN_SERVER_VERSION = 130000;
    static final String POSTGRES_LOCK_TIMEOUT = "POSTGRES_LOCK_TIMEOUT";
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);
    /** The target property that carries the lock timeout, in milliseconds, to the pools. */
    static final String LOCK_TIMEOUT_MILLIS = "colloquy.lockTimeoutMillis";

    static final String POSTGRES_STATEMENT_TIMEOUT = "POSTGRES_STATEMENT_TIMEOUT";
    static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    static final String STATEMENT_TIMEOUT_MILLIS = "colloquy.statementTimeoutMillis";

    @Override
    public boolean claims(String url) {
        return PostgresUrl.claims(url);
    }

    @Override
    public List<String> urlForms() {
        return List.of("postgres://USER:PASSWORD@HOST:5432/DATABASE", "postgresql://...", "jdbc:postgresql://...");
    }

    @Override
    public Map<String, String> settings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put(PGHOST, "PostgreSQL host when no URL is given [localhost]");
        settings.put(PGPORT, "PostgreSQL port [5432]");
        settings.put(PGDATABASE, "PostgreSQL database [the user name]");
        settings.put(PGUSER, "PostgreSQL user [the operating-system user]");
        settings.put(PGPASSWORD, "PostgreSQL password; prefer the environment variable");
        settings.put(PGSSLMODE, "PostgreSQL sslmode: disable, allow, prefer, require, verify-ca, verify-full");
        return Collections.unmodifiableMap(settings);
    }

    @Override
    public Map<String, String> options() {
        return Map.of(
                POSTGRES_LOCK_TIMEOUT,
                "longest wait of a statement for a lock another session holds; past it the unit of work is"
                        + " answered 503 with nothing stored (100ms to 10m) [5s]",
                POSTGRES_STATEMENT_TIMEOUT,
                "longest run of a statement; past it the statement is stopped and the unit of work answered"
                        + " 503 with nothing stored; schema migrations and index rebuilds are not bound by it"
                        + " (0 for none, else 100ms to 1h) [30s]");
    }

    @Override
    public ConnectionTarget withOptions(ConnectionTarget target, Settings settings) {
        Duration lock = settings.duration(POSTGRES_LOCK_TIMEOUT, DEFAULT_LOCK_TIMEOUT);
        if (lock.toMillis() < 100 || lock.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigurationException(POSTGRES_LOCK_TIMEOUT, "must be between 100ms and 10m, was " + lock);
        }
        Duration statement = settings.duration(POSTGRES_STATEMENT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
        if (!statement.isZero() && (statement.toMillis() < 100 || statement.compareTo(Duration.ofHours(1)) > 0)) {
            throw new ConfigurationException(
                    POSTGRES_STATEMENT_TIMEOUT, "must be 0 (none) or between 100ms and 1h, was " + statement);
        }
        return target.withProperty(LOCK_TIMEOUT_MILLIS, Long.toString(lock.toMillis()))
                .withProperty(STATEMENT_TIMEOUT_MILLIS, Long.toString(statement.toMillis()));
    }

    /** The statement timeout a target was given; the default for one made without the settings. */
    static long statementTimeoutMillis(ConnectionTarget target) {
        return Optional.ofNullable(target.properties().get(STATEMENT_TIMEOUT_MILLIS))
                .map(Long::parseLong)
                .orElse(DEFAULT_STATEMENT_TIMEOUT.toMillis());
    }

    /**
     * The writer's connections with no statement timeout while they are borrowed; {@code RESET}
     * gives a returned connection back the timeout it was opened with.
     */
    @Override
    public DataSource forMaintenance(DataSource writer) {
        return new MaintenanceDataSource(writer);
    }

    /** The lock timeout a target was given; the default for one made without the settings. */
    static long lockTimeoutMillis(ConnectionTarget target) {
        return Optional.ofNullable(target.properties().get(LOCK_TIMEOUT_MILLIS))
                .map(Long::parseLong)
                .orElse(DEFAULT_LOCK_TIMEOUT.toMillis());
    }

    @Override
    public ConnectionTarget parseUrl(String setting, String url) {
        return target(PostgresUrl.parse(setting, url));
    }

    /** The libpq variables, with libpq's defaults: localhost, 5432, the database named after the user. */
    @Override
    public ConnectionTarget fromSettings(Settings settings) {
        String host = settings.get(PGHOST).orElse("localhost");
        int port = settings.integer(PGPORT, PostgresUrl.DEFAULT_PORT, 1, 65535);
        String user = settings.get(PGUSER).orElse(System.getProperty("user.name", "postgres"));
        String database = settings.get(PGDATABASE).orElse(user);
        var parameters = new LinkedHashMap<String, String>();
        settings.get(PGSSLMODE).ifPresent(mode -> {
            if (!PostgresUrl.SSL_MODES.contains(mode)) {
                throw new ConfigurationException(
                        PGSSLMODE,
                        "'" + mode + "' is not one of " + String.join(", ", new TreeSet<>(PostgresUrl.SSL_MODES)));
            }
            parameters.put("sslmode", mode);
        });
        if (host.startsWith("/")) {
            throw new ConfigurationException(
                    PGHOST, "Unix-domain sockets are not supported; give a host name or address");
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return target(new PostgresUrl(
                hostPart,
                port,
                database,
                Optional.of(user),
                Secret.of(settings.get(PGPASSWORD).orElse("")),
                parameters));
    }

    private static ConnectionTarget target(PostgresUrl url) {
        return new ConnectionTarget(
                "postgres", url.jdbcUrl(), url.user(), url.password(), url.location(), url.parameters());
    }

    @Override
    public PoolSettings poolDefaults(ConnectionTarget target) {
        return new PoolSettings(10, 2, Duration.ofMillis(500), Duration.ofMinutes(30));
    }

    @Override
    public DataSources open(ConnectionTarget target, PoolSettings pool) {
        if (pool.maxSize() < 2) {
            // Flyway holds one connection for its history table and takes another to migrate.
            throw new ConfigurationException(
                    PoolSettings.MAX_SIZE, "must be at least 2 on PostgreSQL (a migration holds two connections)");
        }
        var dataSource = new HikariDataSource(hikari(target, pool, false));
        return new DataSources(dataSource, dataSource, dataSource).withPools(List.of(gauge("main", dataSource)));
    }

    /** Every transaction of these sessions is read-only, whatever the statements try. */
    @Override
    public DataSources openReadOnly(ConnectionTarget target, PoolSettings pool) {
        var dataSource = new HikariDataSource(hikari(target, pool, true));
        return new DataSources(dataSource, dataSource, dataSource);
    }

    /** The server's pool serves reads and writes alike, as Colloquy's own does. */
    @Override
    public DataSources adopt(DataSource provided, ConnectionTarget target) {
        return new DataSources(provided, provided, () -> {});
    }

    @Override
    public ColumnCodec columns() {
        return new PostgresColumns();
    }

    private static HikariConfig hikari(ConnectionTarget target, PoolSettings pool, boolean readOnly) {
        var config = new HikariConfig();
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(target.jdbcUrl());
        target.user().ifPresent(config::setUsername);
        if (!target.password().isEmpty()) {
            config.setPassword(target.password().reveal());
        }
        // pgjdbc's defaults suit neither production nor our mapping: no timeouts, no keep-alive,
        // and strings typed varchar (jsonb columns are written from text, so strings go untyped).
        config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        config.addDataSourceProperty("connectTimeout", "10");
        config.addDataSourceProperty("socketTimeout", "300");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("stringtype", "unspecified");
        // The server's DETAIL lines and a failed batch's statement carry the rows' values (message
        // text, metadata, a token's hash); without them they never reach an exception's message,
        // and so never a log line. The SQL state and the server's message stay.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        // A statement waits for another session's lock no longer than the lock timeout (55P03:
        // retried while the unit of work's budget lasts, then 503), never for as long as the lock.
        // A statement runs no longer than the statement timeout (57014: 503, not run again).
        String session = "-c TimeZone=UTC -c lock_timeout=" + lockTimeoutMillis(target) + " -c statement_timeout="
                + statementTimeoutMillis(target);
        config.addDataSourceProperty("options", readOnly ? session + " -c default_transaction_read_only=on" : session);
        target.properties().forEach((name, value) -> {
            if (!name.equals(LOCK_TIMEOUT_MILLIS) && !name.equals(STATEMENT_TIMEOUT_MILLIS)) {
                config.addDataSourceProperty(name, value);
            }
        });
        config.setPoolName(readOnly ? "colloquy-postgres-read-only" : "colloquy-postgres");
        config.setReadOnly(readOnly);
        config.setMaximumPoolSize(pool.maxSize());
        config.setMinimumIdle(pool.minIdle());
        config.setConnectionTimeout(pool.connectTimeout().toMillis());
        config.setMaxLifetime(pool.maxLifetime().toMillis());
        config.setAutoCommit(true);
        return config;
    }

    /**
     * The session settings Colloquy's pool gives each connection; a server's data source must give
     * them too (see docs/deploy-war.md), and each message names the driver property that does.
     */
    @Override
    public void verifySession(Connection connection, ConnectionTarget target) throws SQLException {
        try (var statement = connection.prepareStatement(
                        "SELECT current_setting('TimeZone'), current_setting('application_name'),"
                                + " current_setting('server_version_num')::int,"
                                + " (EXTRACT(EPOCH FROM current_setting('lock_timeout')::interval) * 1000)::bigint,"
                                + " (EXTRACT(EPOCH FROM current_setting('statement_timeout')::interval) * 1000)::bigint");
                var rows = statement.executeQuery()) {
            rows.next();
            String zone = rows.getString(1);
            if (!zone.equals("UTC") && !zone.equals("Etc/UTC")) {
                throw new IllegalStateException("PostgreSQL session time zone is '" + zone
                        + "', expected UTC (driver property options=-c TimeZone=UTC)");
            }
            if (!APPLICATION_NAME.equals(rows.getString(2))) {
                throw new IllegalStateException("PostgreSQL session application_name is '" + rows.getString(2)
                        + "', expected '" + APPLICATION_NAME + "' (driver property ApplicationName)");
            }
            if (rows.getLong(4) != lockTimeoutMillis(target)) {
                throw new IllegalStateException("PostgreSQL session lock_timeout is " + rows.getLong(4)
                        + " ms, expected " + lockTimeoutMillis(target)
                        + " ms (POSTGRES_LOCK_TIMEOUT; driver property options=-c lock_timeout=...)");
            }
            if (rows.getLong(5) != statementTimeoutMillis(target)) {
                throw new IllegalStateException("PostgreSQL session statement_timeout is " + rows.getLong(5)
                        + " ms, expected " + statementTimeoutMillis(target)
                        + " ms (POSTGRES_STATEMENT_TIMEOUT; driver property options=-c statement_timeout=...)");
            }
            if (rows.getInt(3) < MIN_SERVER_VERSION) {
                throw new IllegalStateException("PostgreSQL server version " + rows.getInt(3)
                        + " is too old; Colloquy needs PostgreSQL 13 or newer");
            }
        }
        requireUntypedStrings(connection);
    }

    /**
     * JSON columns are written from strings, which the server then reads as JSON: that needs
     * strings sent untyped. Typed varchar, a string finds no function that takes JSON (42883).
     */
    private static void requireUntypedStrings(Connection connection) throws SQLException {
        try (var probe = connection.prepareStatement("SELECT jsonb_typeof(?)")) {
            probe.setString(1, "{}");
            probe.executeQuery().close();
        } catch (SQLException e) {
            if (!"42883".equals(e.getSQLState())) {
                throw e;
            }
            throw new IllegalStateException("PostgreSQL connection sends strings typed varchar, expected untyped"
                    + " (driver property stringtype=unspecified)");
        }
    }

    /** What a pool holds, read from Hikari's own counters when asked. */
    private static PoolGauge gauge(String name, HikariDataSource pool) {
        var bean = pool.getHikariPoolMXBean();
        return new PoolGauge(
                name,
                bean::getActiveConnections,
                bean::getIdleConnections,
                bean::getThreadsAwaitingConnection,
                pool.getMaximumPoolSize());
    }
}
