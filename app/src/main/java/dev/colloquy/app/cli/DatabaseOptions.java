package dev.colloquy.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The database flags every command that touches a database takes; each has the meaning of its variable. */
public class DatabaseOptions {

    final Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--db-driver", paramLabel = "DRIVER", description = "sqlite or postgres (DB_DRIVER)")
    void driver(String value) {
        values.put("DB_DRIVER", value);
    }

    @Option(names = "--database-url", paramLabel = "URL", description = "the database URL (DATABASE_URL)")
    void url(String value) {
        values.put("DATABASE_URL", value);
    }

    @Option(
            names = "--database-path",
            paramLabel = "FILE",
            description = "the SQLite file when no URL is given (DATABASE_PATH)")
    void path(String value) {
        values.put("DATABASE_PATH", value);
    }

    @Option(names = "--pghost", paramLabel = "HOST", description = "PostgreSQL host (PGHOST)")
    void pghost(String value) {
        values.put("PGHOST", value);
    }

    @Option(names = "--pgport", paramLabel = "PORT", description = "PostgreSQL port (PGPORT)")
    void pgport(String value) {
        values.put("PGPORT", value);
    }

    @Option(names = "--pgdatabase", paramLabel = "NAME", description = "PostgreSQL database (PGDATABASE)")
    void pgdatabase(String value) {
        values.put("PGDATABASE", value);
    }

    @Option(names = "--pguser", paramLabel = "USER", description = "PostgreSQL user (PGUSER)")
    void pguser(String value) {
        values.put("PGUSER", value);
    }

    @Option(
            names = "--pgpassword",
            paramLabel = "PASSWORD",
            description = "PostgreSQL password (PGPASSWORD); prefer the variable")
    void pgpassword(String value) {
        values.put("PGPASSWORD", value);
    }

    @Option(names = "--pgsslmode", paramLabel = "MODE", description = "PostgreSQL sslmode (PGSSLMODE)")
    void pgsslmode(String value) {
        values.put("PGSSLMODE", value);
    }

    @Option(names = "--db-pool-max-size", paramLabel = "N", description = "most pooled connections (DB_POOL_MAX_SIZE)")
    void poolMax(String value) {
        values.put("DB_POOL_MAX_SIZE", value);
    }

    @Option(names = "--db-pool-min-idle", paramLabel = "N", description = "idle connections kept (DB_POOL_MIN_IDLE)")
    void poolIdle(String value) {
        values.put("DB_POOL_MIN_IDLE", value);
    }

    @Option(
            names = "--db-pool-connect-timeout",
            paramLabel = "DURATION",
            description = "wait for a pooled connection (DB_POOL_CONNECT_TIMEOUT)")
    void poolConnect(String value) {
        values.put("DB_POOL_CONNECT_TIMEOUT", value);
    }

    @Option(
            names = "--db-pool-max-lifetime",
            paramLabel = "DURATION",
            description = "connection lifetime (DB_POOL_MAX_LIFETIME)")
    void poolLifetime(String value) {
        values.put("DB_POOL_MAX_LIFETIME", value);
    }

    @Option(
            names = "--db-startup-timeout",
            paramLabel = "DURATION",
            description = "how long to wait for the database (DB_STARTUP_TIMEOUT)")
    void startupTimeout(String value) {
        values.put("DB_STARTUP_TIMEOUT", value);
    }

    @Option(names = "--db-migrate", paramLabel = "MODE", description = "auto, validate or off (DB_MIGRATE)")
    void migrate(String value) {
        values.put("DB_MIGRATE", value);
    }
}
