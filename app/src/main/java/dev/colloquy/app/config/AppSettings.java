package dev.colloquy.app.config;

import dev.colloquy.persistence.config.Settings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Builds the settings of one run from its three sources, with one precedence: a command-line flag
 * beats a system property, which beats an environment variable, which beats the default. Every
 * source uses the same names: {@code DATABASE_URL} is the variable and the system property, and
 * {@code --database-url} the flag.
 */
public final class AppSettings {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private AppSettings() {}

    public static Settings merge(
            Map<String, String> flags, Properties systemProperties, Map<String, String> environment) {
        var merged = new HashMap<String, String>();
        environment.forEach((name, value) -> {
            if (NAME.matcher(name).matches()) {
                merged.put(name, value);
            }
        });
        systemProperties.stringPropertyNames().forEach(name -> {
            if (NAME.matcher(name).matches()) {
                merged.put(name, systemProperties.getProperty(name));
            }
        });
        merged.putAll(flags);
        return Settings.of(merged);
    }

    /** The flag for a setting: {@code DATABASE_URL} becomes {@code --database-url}. */
    public static String flag(String setting) {
        return "--" + setting.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
