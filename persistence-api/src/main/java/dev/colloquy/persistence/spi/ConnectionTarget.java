package dev.colloquy.persistence.spi;

import dev.colloquy.persistence.config.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a backend connects: a JDBC URL without credentials, the credentials apart, and a
 * location for people ({@code /abs/path.db}, {@code host:5432/db}). {@code toString} shows no
 * password.
 *
 * @param backend the name of the backend that parsed it
 * @param jdbcUrl the JDBC URL, free of user and password
 * @param user the user name, if any
 * @param password the password, masked in every rendering
 * @param location where the database is, for log lines and errors
 * @param properties extra driver properties taken from the URL (for example {@code sslmode})
 */
public record ConnectionTarget(
        String backend,
        String jdbcUrl,
        Optional<String> user,
        Secret password,
        String location,
        Map<String, String> properties) {

    public ConnectionTarget {
        properties = Map.copyOf(properties);
    }

    /** The same target with one more driver property (or one replaced). */
    public ConnectionTarget withProperty(String name, String value) {
        var more = new LinkedHashMap<>(properties);
        more.put(name, value);
        return new ConnectionTarget(backend, jdbcUrl, user, password, location, more);
    }

    @Override
    public String toString() {
        return backend + " database at " + location + user.map(u -> " as " + u).orElse("");
    }
}
