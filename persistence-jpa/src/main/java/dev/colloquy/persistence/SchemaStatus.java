package dev.colloquy.persistence;

import java.util.List;
import java.util.Optional;

/**
 * Where a database's schema stands against this build's migrations.
 *
 * @param current the applied version, empty for an empty database
 * @param latest the newest version this build knows
 * @param pending versions this build would apply
 * @param newerThanBuild whether the database has versions this build does not know
 */
public record SchemaStatus(Optional<String> current, String latest, List<String> pending, boolean newerThanBuild) {

    public SchemaStatus {
        pending = List.copyOf(pending);
    }

    public boolean isCurrent() {
        return pending.isEmpty() && !newerThanBuild;
    }
}
