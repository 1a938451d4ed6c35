package dev.colloquy.persistence.spi;

import dev.colloquy.persistence.config.PoolSettings;
import dev.colloquy.persistence.config.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** How a backend's database is named, reached and pooled, and how its values travel through JDBC. */
public interface BackendConnections {

    /** Whether this backend recognizes the URL's scheme. */
    boolean claims(String url);

    /** The URL forms this backend accepts, for error messages. */
    List<String> urlForms();

    /**
     * The settings (besides {@code DATABASE_URL} and the {@code DB_*} ones) that name this
     * backend's database when no URL is given, in the order to show them, each with a one-line
     * description for help texts.
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

    /**
     * The connections of a pool that an application server provides (and closes), for a database
     * at {@code target}: the backend wraps them as it wraps its own pools' connections (explicit
     * transactions, say). The sessions must run with the settings {@link #verifySession} checks.
     */
    DataSources adopt(DataSource provided, ConnectionTarget target);

    /**
     * Checks that a connection to {@code target} runs with the settings the application relies on
     * (its options included); fails fast if not.
     */
    void verifySession(Connection connection, ConnectionTarget target) throws SQLException;

    /**
     * Connections for work that may run long by design (schema migrations, search index rebuilds):
     * without the bound a request's statements have. The writer itself where there is none.
     */
    default DataSource forMaintenance(DataSource writer) {
        return writer;
    }

    /** How ids and instants are bound and read through plain JDBC on this database. */
    ColumnCodec columns();
}
