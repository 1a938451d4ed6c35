package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** A SQLite database: a file, or a private in-memory database. Parses every URL form users give. */
record SqliteLocation(Optional<Path> file) {

    static final String MEMORY = ":memory:";

    static SqliteLocation memory() {
        return new SqliteLocation(Optional.empty());
    }

    boolean isMemory() {
        return file.isEmpty();
    }

    String describe() {
        return file.map(Path::toString).orElse(MEMORY);
    }

    String jdbcUrl() {
        return "jdbc:sqlite:" + file.map(Path::toString).orElse(MEMORY);
    }

    static boolean claims(String url) {
        return url.startsWith("sqlite:") || url.startsWith("jdbc:sqlite:");
    }

    /**
     * Accepts the forms SQLAlchemy and dj-database-url use, with their meaning: {@code
     * sqlite:///relative/path.db} (three slashes, then a path relative to the working folder),
     * {@code sqlite:////absolute/path.db} (four slashes), {@code sqlite:///:memory:}, {@code
     * sqlite://:memory:} and {@code sqlite://} for a private in-memory database; and also {@code
     * sqlite:relative/path.db}, {@code sqlite:/absolute/path.db}, {@code sqlite::memory:} and
     * {@code jdbc:sqlite:PATH}.
     */
    static SqliteLocation parse(String setting, String url) {
        boolean jdbc = url.startsWith("jdbc:sqlite:");
        String rest = jdbc ? url.substring("jdbc:sqlite:".length()) : url.substring("sqlite:".length());
        if (rest.contains("?")) {
            throw new ConfigurationException(
                    setting, "a SQLite URL takes no parameters; Colloquy sets the connection settings itself");
        }
        if (!jdbc && rest.startsWith("//")) {
            // sqlite://HOST/PATH, where HOST is always empty: what follows the third slash is the path.
            String authority = rest.substring(2);
            if (authority.isEmpty() || authority.equals(MEMORY)) {
                return memory();
            }
            if (!authority.startsWith("/")) {
                throw new ConfigurationException(
                        setting,
                        "'sqlite://" + authority + "' names a host, which SQLite has none of; write"
                                + " sqlite:///relative/path.db or sqlite:////absolute/path.db");
            }
            rest = authority.substring(1);
        }
        if (rest.equals(MEMORY)) {
            return memory();
        }
        if (rest.isEmpty() || rest.endsWith("/")) {
            throw new ConfigurationException(
                    setting, "names no database file; write for example sqlite:///data/colloquy.db");
        }
        if (rest.startsWith("file:")) {
            throw new ConfigurationException(setting, "SQLite 'file:' URIs are not supported; give the path itself");
        }
        return file(setting, rest);
    }

    static SqliteLocation file(String setting, String path) {
        try {
            Path file = Path.of(path).toAbsolutePath().normalize();
            if (Files.isDirectory(file)) {
                throw new ConfigurationException(
                        setting,
                        "'" + file + "' is a folder; name the database file, for example "
                                + file.resolve("colloquy.db"));
            }
            return new SqliteLocation(Optional.of(file));
        } catch (InvalidPathException e) {
            throw new ConfigurationException(setting, "'" + path + "' is not a usable file path: " + e.getReason());
        }
    }
}
