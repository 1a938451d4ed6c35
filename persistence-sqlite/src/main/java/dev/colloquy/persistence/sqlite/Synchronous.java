package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.spi.ConnectionTarget;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * When SQLite waits for the disk in WAL mode. FULL syncs the log at every commit, so an
 * acknowledged write survives the operating system or the disk failing; NORMAL syncs it at
 * checkpoints only: safe against a crash of the process, not of the system.
 */
enum Synchronous {
    FULL(SQLiteConfig.SynchronousMode.FULL, "2"),
    NORMAL(SQLiteConfig.SynchronousMode.NORMAL, "1");

    static final String SETTING = "SQLITE_SYNCHRONOUS";
    /** The driver property that carries the chosen mode from the target to the pools. */
    static final String PROPERTY = "synchronous";

    final SQLiteConfig.SynchronousMode mode;
    final String pragmaValue;

    Synchronous(SQLiteConfig.SynchronousMode mode, String pragmaValue) {
        this.mode = mode;
        this.pragmaValue = pragmaValue;
    }

    static Synchronous parse(Optional<String> value) {
        if (value.isEmpty()) {
            return FULL;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "full" -> FULL;
            case "normal" -> NORMAL;
            default -> throw new ConfigurationException(SETTING, "must be full or normal, was '" + value.get() + "'");
        };
    }

    /** The mode a target was given; FULL for one made without the settings (a copy's source). */
    static Synchronous of(ConnectionTarget target) {
        return Optional.ofNullable(target.properties().get(PROPERTY))
                .map(Synchronous::valueOf)
                .orElse(FULL);
    }
}
