package dev.colloquy.app.server;

import dev.colloquy.domain.Limits;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.spi.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the database at startup. An unreachable database is retried with exponential backoff
 * (0.5 s doubling to 10 s) until {@code DB_STARTUP_TIMEOUT}; wrong credentials and a missing
 * database fail at once with advice, since waiting cannot fix them.
 */
public final class DatabaseStarter {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStarter.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    private DatabaseStarter() {}

    public static Database open(DatabaseSettings settings, Clock clock, Limits limits) {
        return open(settings, s -> Database.open(s, clock, limits));
    }

    /** Opens the database with {@code opener}, waiting for it and advising as above. */
    public static <T> T open(DatabaseSettings settings, Function<DatabaseSettings, T> opener) {
        LOG.info(settings.describe());
        Instant deadline = Instant.now().plus(settings.startupTimeout());
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return opener.apply(settings);
            } catch (RuntimeException e) {
                Failure failure = settings.backend().classifyCause(e);
                String where = settings.backend().productName() + " database at "
                        + settings.target().location();
                switch (failure) {
                    case AUTHENTICATION ->
                        throw new StartupException(
                                StartupException.DATABASE_UNREACHABLE,
                                "The " + where + " rejected the user name or password"
                                        + settings.target()
                                                .user()
                                                .map(u -> " (user '" + u + "')")
                                                .orElse("")
                                        + advice(settings, failure, "check the credentials in DATABASE_URL"),
                                e);
                    case MISSING_DATABASE ->
                        throw new StartupException(
                                StartupException.DATABASE_UNREACHABLE,
                                "The " + where + " does not exist"
                                        + advice(
                                                settings,
                                                failure,
                                                "create it or point DATABASE_URL at an existing one"),
                                e);
                    case READ_ONLY, STORAGE ->
                        // Waiting cannot make a file writable, nor (within a start) free a disk.
                        throw new StartupException(
                                StartupException.DATABASE_UNREACHABLE,
                                "The " + where + " cannot be written: " + reason(e),
                                e);
                    case CONNECTION, BUSY, OVERLOADED -> {
                        Instant now = Instant.now();
                        if (!now.plus(pause).isBefore(deadline)) {
                            throw new StartupException(
                                    StartupException.DATABASE_UNREACHABLE,
                                    "Could not reach the " + where + " within "
                                            + settings.startupTimeout().toSeconds() + "s (DB_STARTUP_TIMEOUT): "
                                            + reason(e),
                                    e);
                        }
                        LOG.warn(
                                "Waiting for the {} (attempt {}, next try in {} ms): {}",
                                where,
                                attempt,
                                pause.toMillis(),
                                reason(e));
                        sleep(pause);
                        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                                ? LONGEST_PAUSE
                                : pause.multipliedBy(2);
                    }
                    default -> throw e;
                }
            }
        }
    }

    /** What the backend advises for {@code failure}, else {@code otherwise}, as the end of a sentence. */
    private static String advice(DatabaseSettings settings, Failure failure, String otherwise) {
        return "; " + settings.backend().advice(failure, settings.target()).orElse(otherwise);
    }

    /** The innermost message: the one that says what actually went wrong. Holds no password. */
    static String reason(Throwable error) {
        Throwable innermost = error;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        return message == null
                ? innermost.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException(
                    StartupException.DATABASE_UNREACHABLE, "Interrupted while waiting for the database", e);
        }
    }
}
