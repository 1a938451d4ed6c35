package dev.colloquy.persistence.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Named settings, keyed by their environment variable names ({@code DATABASE_URL}). The caller
 * merges its sources (flags, system properties, environment) before building one; blank values
 * count as unset.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    public static Settings of(Map<String, String> values) {
        var copy = new TreeMap<String, String>();
        values.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                copy.put(name, value.strip());
            }
        });
        return new Settings(copy);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        var text = get(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                throw new ConfigurationException(
                        name, "must be between " + min + " and " + max + ", was " + text.get());
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name, "must be a whole number, was '" + text.get() + "'");
        }
    }

    public Duration duration(String name, Duration defaultValue) {
        return get(name).map(text -> Durations.parse(name, text)).orElse(defaultValue);
    }

    /** The names that are set, for messages; values are never shown. */
    @Override
    public String toString() {
        return "Settings" + values.keySet();
    }
}
