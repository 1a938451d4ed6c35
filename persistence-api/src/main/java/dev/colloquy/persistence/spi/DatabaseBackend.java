package dev.colloquy.persistence.spi;

import java.sql.SQLException;
import java.util.Optional;

/**
 * One database product, registered through {@code META-INF/services}. Everything that differs
 * between databases is answered by a backend, so shared code never asks which database it runs
 * on. The root names the product and says what its failures mean; the rest is asked of its parts:
 * {@link #connections()} (settings, targets, pools, sessions), {@link #schema()} (migrations and
 * the persistence unit), {@link #search()} (the full-text index) and {@link #maintenance()}
 * (space, job locks, backups).
 */
public interface DatabaseBackend {

    /** The name users give in {@code DB_DRIVER}. */
    String name();

    /** The product's name for messages, for example in the startup line. */
    String productName();

    /** The database's name in OpenTelemetry's semantic conventions ({@code db.system.name}). */
    default String telemetryName() {
        return name();
    }

    /** Whether this backend runs when nothing at all is configured. Exactly one backend says yes. */
    boolean isDefault();

    BackendConnections connections();

    BackendSchema schema();

    BackendSearch search();

    BackendMaintenance maintenance();

    Failure classify(SQLException error);

    /**
     * What a failure means: the first SQL exception in its cause chain that this backend
     * recognizes, else {@link Failure#OTHER}.
     */
    default Failure classifyCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                Failure failure = classify(sql);
                if (failure != Failure.OTHER) {
                    return failure;
                }
            }
        }
        return Failure.OTHER;
    }

    /**
     * What a person can do about a failure that stopped a start (the settings to check, the
     * command that creates a database), in this product's terms; empty when there is nothing
     * more specific to say than the failure itself.
     */
    default Optional<String> advice(Failure failure, ConnectionTarget target) {
        return Optional.empty();
    }
}
