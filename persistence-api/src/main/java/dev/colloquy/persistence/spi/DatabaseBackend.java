package dev.colloquy.persistence.spi;

import dev.colloquy.persistence.config.PoolSettings;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.search.SearchSyntax;
import jakarta.persistence.spi.PersistenceProvider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One database product, registered through {@code META-INF/services}. Everything that differs
 * between databases is answered here, so shared code never asks which database it runs on.
 */
public interface DatabaseBackend {

    /** The name users give in {@code DB_DRIVER}. */
    String name();

    /** The product's name for messages, for example in the startup line. */
    String productName();

    /** Whether this backend runs when nothing at all is configured. Exactly one backend says yes. */
    boolean isDefault();

    /** Whether this backend recognizes the URL's scheme. */
    boolean claims(String url);

    /** The URL forms this backend accepts, for error messages. */
    List<String> urlForms();

    /**
     * The settings (besides {@code DATABASE_URL} and the {@code DB_*} ones) that this backend
     * reads, in the order to show them, each with a one-line description for help texts.
     */
    Map<String, String> settings();

    /**
     * The settings that tune this backend however its database is named (by a URL or by its own
     * settings), each with a one-line description for help texts. Set while another backend is
     * chosen, they are refused.
     */
    default Map<String, String> options() {
        return Map.of();
    }

    /**
     * The target with this backend's {@link #options()} taken from the settings, as driver
     * properties; a value this backend cannot use is a {@code ConfigurationException} naming the
     * setting.
     */
    default ConnectionTarget withOptions(ConnectionTarget target, Settings settings) {
        return target;
    }

    /** Parses a URL this backend claims; {@code setting} names its source in errors. */
    ConnectionTarget parseUrl(String setting, String url);

    /**
     * Connections for work that may run long by design (schema migrations, search index rebuilds):
     * without the bound a request's statements have. The writer itself where there is none.
     */
    default DataSource forMaintenance(DataSource writer) {
        return writer;
    }

    /**
     * A lock for a job that one instance at a time may run on this database (the retention
     * purge), taken without waiting: empty when another instance holds it. Close it when done.
     */
    default java.util.Optional<AutoCloseable> tryJobLock(ConnectionTarget target, DataSource writer, String job) {
        return java.util.Optional.of(() -> {});
    }

    /** The target when no URL is given, from this backend's own settings or defaults. */
    ConnectionTarget fromSettings(Settings settings);

    PoolSettings poolDefaults(ConnectionTarget target);

    /** Opens the pools. The caller closes them. */
    DataSources open(ConnectionTarget target, PoolSettings pool);

    /**
     * Opens pools whose connections cannot write (writer and reader are the same read-only pool),
     * for a database that must stay unchanged: the source of a copy or a verification. A database
     * that does not exist is an error here, never created. The caller closes them.
     */
    DataSources openReadOnly(ConnectionTarget target, PoolSettings pool);

    /** How ids and instants are bound and read through plain JDBC on this database. */
    ColumnCodec columns();

    /**
     * Checks that a connection to {@code target} runs with the settings the application relies on
     * (its options included); fails fast if not.
     */
    void verifySession(Connection connection, ConnectionTarget target) throws SQLException;

    /** Prepares a database before its first migration (settings that must precede the first table). */
    void prepare(DataSource writer) throws SQLException;

    /**
     * A lock held while migrating, for databases without a migration lock of their own. Closing it
     * releases it.
     */
    AutoCloseable migrationLock(ConnectionTarget target);

    /** The Flyway location of this backend's migrations. */
    String migrationLocation();

    PersistenceProvider persistenceProvider();

    Map<String, Object> persistenceProperties();

    /** The mapping file that holds this backend's named native queries. */
    String mappingFile();

    SearchSyntax searchSyntax();

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

    /** Returns freed space to the file system after large deletes, where the database needs that. */
    void reclaimSpace(DataSource writer) throws SQLException;

    /**
     * Writes a consistent copy of the live database to a new file, or fails with {@link
     * UnsupportedOperationException} saying which tool backs this database up instead.
     */
    void backup(DataSource writer, Path target) throws SQLException;

    /** Checks that the full-text index agrees with the messages it indexes. */
    boolean searchIndexConsistent(DataSource writer) throws SQLException;

    /** Rebuilds the full-text indexes from the stored, normalized text. */
    void rebuildSearchIndex(DataSource writer) throws SQLException;
}
