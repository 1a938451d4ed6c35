package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.config.ConfigurationException;
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
     * Accepts {@code sqlite:///abs/path.db}, {@code sqlite:relative/path.db}, {@code
     * sqlite::memory:} and {@code jdbc:sqlite:PATH}.
     */
    static SqliteLocation parse(String setting, String url) {
        String rest = url.startsWith("jdbc:sqlite:")
                ? url.substring("jdbc:sqlite:".length())
                : url.substring("sqlite:".length());
        if (rest.equals(MEMORY)) {
            return memory();
        }
        if (rest.contains("?")) {
            throw new ConfigurationException(
                    setting, "a SQLite URL takes no parameters; Colloquy sets the connection settings itself");
        }
        if (rest.startsWith("//")) {
            String path = rest.substring(2);
            if (!path.startsWith("/")) {
                throw new ConfigurationException(
                        setting,
                        "'sqlite://" + path + "' names no absolute path; write sqlite:///absolute/path.db"
                                + " or sqlite:relative/path.db");
            }
            rest = path;
        }
        if (rest.isEmpty() || rest.endsWith("/")) {
            throw new ConfigurationException(
                    setting, "names no database file; write for example sqlite:data/colloquy.db");
        }
        if (rest.startsWith("file:")) {
            throw new ConfigurationException(setting, "SQLite 'file:' URIs are not supported; give the path itself");
        }
        return file(setting, rest);
    }

    static SqliteLocation file(String setting, String path) {
        try {
            return new SqliteLocation(Optional.of(Path.of(path).toAbsolutePath().normalize()));
        } catch (InvalidPathException e) {
            throw new ConfigurationException(setting, "'" + path + "' is not a usable file path: " + e.getReason());
        }
    }
}
