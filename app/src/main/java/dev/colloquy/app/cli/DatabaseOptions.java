package dev.colloquy.app.cli;

import dev.colloquy.app.config.AppSettings;
import dev.colloquy.persistence.spi.Backends;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The database flags of every command that opens a database; each has the meaning of its
 * setting. The backends' own settings (a file path, server variables) become flags too, declared
 * by the backends themselves, so this class names no database.
 */
public class DatabaseOptions {

    final Map<String, String> values = new LinkedHashMap<>();

    @Option(
            names = "--db-driver",
            paramLabel = "DRIVER",
            description = "the database kind, one of the installed backends (DB_DRIVER)")
    void driver(String value) {
        values.put("DB_DRIVER", value);
    }

    @Option(names = "--database-url", paramLabel = "URL", description = "the database URL (DATABASE_URL)")
    void url(String value) {
        values.put("DATABASE_URL", value);
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

    /** Adds a flag for every setting an installed backend declares, to the command's spec. */
    void addBackendFlags(CommandSpec command, Backends backends) {
        for (var backend : backends.all()) {
            var declared =
                    new LinkedHashMap<String, String>(backend.connections().settings());
            declared.putAll(backend.connections().options());
            declared.forEach((setting, description) -> command.addOption(OptionSpec.builder(AppSettings.flag(setting))
                    .paramLabel("VALUE")
                    .type(String.class)
                    .description(description + " (" + setting + ")")
                    .setter(new picocli.CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            if (value != null) {
                                values.put(setting, value.toString());
                            }
                            return null;
                        }
                    })
                    .build()));
        }
    }
}
