package dev.colloquy.it.reliability;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A separate process that takes a SQLite file's write lock ({@code BEGIN IMMEDIATE}), says
 * {@code LOCKED} on standard output, holds the lock for the given milliseconds and lets it go, as
 * a {@code sqlite3} shell or a backup tool would.
 */
public final class WriteLockHolder {

    private WriteLockHolder() {}

    public static void main(String[] args) throws Exception {
        String file = args[0];
        long millis = Long.parseLong(args[1]);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 30000");
            statement.execute("BEGIN IMMEDIATE");
            System.out.println("LOCKED");
            System.out.flush();
            Thread.sleep(millis);
            statement.execute("ROLLBACK");
        }
        System.out.println("RELEASED");
    }

    /** Starts a holder process on {@code file} and returns once it holds the lock. */
    static Process hold(Path file, Duration duration) throws Exception {
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                WriteLockHolder.class.getName(),
                file.toString(),
                Long.toString(duration.toMillis()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"LOCKED".equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("the lock holder did not take the lock: " + line);
        }
        return process;
    }
}
