package dev.colloquy.persistence.config;

import java.util.Locale;

/** What startup does about pending schema migrations ({@code DB_MIGRATE}). */
public enum MigrateMode {
    /** Apply pending migrations. */
    AUTO,
    /** Refuse to start unless the schema is current. */
    VALIDATE,
    /** Neither migrate nor check; the operator takes care of the schema. */
    OFF;

    public static MigrateMode parse(String setting, String text) {
        for (MigrateMode mode : values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(text.strip().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new ConfigurationException(setting, "'" + text + "' is not one of auto, validate, off");
    }
}
