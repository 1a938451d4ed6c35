package dev.colloquy.persistence;

import dev.colloquy.persistence.spi.ConnectionTarget;
import dev.colloquy.persistence.spi.DatabaseBackend;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies and reports the backend's Flyway migrations. The schema belongs to these, never to Hibernate. */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final DatabaseBackend backend;
    private final ConnectionTarget target;
    private final Flyway flyway;

    public Migrator(DatabaseBackend backend, ConnectionTarget target, DataSource writer) {
        this.backend = backend;
        this.target = target;
        this.flyway = Flyway.configure(Migrator.class.getClassLoader())
                .dataSource(backend.connections().forMaintenance(writer))
                .locations(backend.schema().migrationLocation())
                .cleanDisabled(true)
                // Every pending migration in one transaction, under one hold of the migration
                // lock: servers starting together on a new database leave all of them to the
                // first (one by one, each took the lock for a single migration and another server
                // could apply the next). Both databases run DDL in transactions.
                .group(true)
                .validateMigrationNaming(true)
                .loggers("slf4j")
                .load();
    }

    public SchemaStatus status() {
        var info = flyway.info();
        Optional<String> current = Optional.ofNullable(info.current())
                .map(MigrationInfo::getVersion)
                .map(MigrationVersion::getVersion);
        List<String> pending = Arrays.stream(info.pending())
                .map(m -> m.getVersion().getVersion())
                .toList();
        boolean newer = Arrays.stream(info.all())
                .anyMatch(m ->
                        m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED);
        String latest = Arrays.stream(info.all())
                .filter(m ->
                        m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion)
                .orElse("0");
        return new SchemaStatus(current, latest, pending, newer);
    }

    /** One migration, applied or pending. */
    public record MigrationRow(String version, String description, String state, Optional<Instant> installedOn) {}

    /** Every migration this build knows or the database has applied, oldest first. */
    public List<MigrationRow> list() {
        return Arrays.stream(flyway.info().all())
                .filter(m -> m.getVersion() != null)
                .map(m -> new MigrationRow(
                        m.getVersion().getVersion(),
                        m.getDescription(),
                        m.getState().getDisplayName(),
                        Optional.ofNullable(m.getInstalledOn()).map(Date::toInstant)))
                .toList();
    }

    /** Refuses a schema newer than this build: running old code on it could corrupt data. */
    public void refuseNewerSchema() {
        refuseNewer(status());
    }

    private static void refuseNewer(SchemaStatus status) {
        if (status.newerThanBuild()) {
            throw new SchemaException(
                    "the database schema is at version " + status.current().orElse("?")
                            + ", newer than this build knows (" + status.latest()
                            + "); run a newer Colloquy release against this database");
        }
    }

    /** Applies pending migrations, holding the backend's migration lock. Returns the count applied. */
    public int migrate() {
        refuseNewerSchema();
        try (AutoCloseable lock = backend.schema().migrationLock(target)) {
            int applied = flyway.migrate().migrationsExecuted;
            if (applied > 0) {
                LOG.info(
                        "Applied {} schema migration(s); schema is at version {}",
                        applied,
                        status().current().orElse("?"));
            }
            return applied;
        } catch (FlywayException e) {
            throw new SchemaException("could not migrate the " + backend.productName() + " database at "
                    + target.location() + ": " + databaseMessage(e));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not release the migration lock", e);
        }
    }

    /**
     * The database's own words, one line (Flyway's message spans a dozen lines of boilerplate):
     * for example {@code ERROR: permission denied for schema public}.
     */
    private static String databaseMessage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getMessage() != null) {
                return sql.getMessage().lines().findFirst().orElse(sql.getMessage())
                        + (sql.getSQLState() == null ? "" : " (SQL state " + sql.getSQLState() + ")");
            }
        }
        String message = String.valueOf(error.getMessage());
        return message.lines()
                .filter(line -> line.startsWith("Message"))
                .findFirst()
                .orElse(message.lines().findFirst().orElse(message));
    }

    /** Applies migrations up to and including {@code version} only; for upgrade tests. */
    public void migrateTo(String version) {
        Flyway.configure(Migrator.class.getClassLoader())
                .configuration(flyway.getConfiguration())
                .target(MigrationVersion.fromVersion(version))
                .load()
                .migrate();
    }

    /** Refuses to go on unless the schema is current. */
    public void requireCurrent() {
        SchemaStatus status = status();
        refuseNewer(status);
        if (!status.pending().isEmpty()) {
            throw new SchemaException(
                    "the database schema is at version " + status.current().orElse("none")
                            + " and migrations " + status.pending()
                            + " are pending; run 'colloquy migrate' or start with DB_MIGRATE=auto");
        }
    }
}
