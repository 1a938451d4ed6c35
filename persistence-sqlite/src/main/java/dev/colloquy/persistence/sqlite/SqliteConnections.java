package dev.colloquy.persistence.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.colloquy.persistence.config.PoolSettings;
import dev.colloquy.persistence.config.Secret;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.persistence.spi.BackendConnections;
import dev.colloquy.persistence.spi.ColumnCodec;
import dev.colloquy.persistence.spi.ConnectionTarget;
import dev.colloquy.persistence.spi.DataSources;
import dev.colloquy.persistence.spi.PoolGauge;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite's files and pools.
 *
 * <p>SQLite allows one writer at a time. Writes go through a pool of exactly one connection whose
 * transactions begin IMMEDIATE (taking the write lock up front, so a transaction never fails trying
 * to upgrade a read lock), while reads use a separate pool of read-only connections that WAL lets
 * run beside the writer. Both pools keep auto-commit on between transactions, because the driver
 * would otherwise begin the next IMMEDIATE transaction at once and hold the write lock while idle.
 */
final class SqliteConnections implements BackendConnections {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteConnections.class);

    static final String DATABASE_PATH = "DATABASE_PATH";
    static final String DEFAULT_PATH = "./data/colloquy.db";
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    /** What a pool's connections are for; each kind is configured differently below. */
    private enum Pool {
        /** The one connection of a private in-memory database, for reads and writes, never retired. */
        MEMORY("colloquy-sqlite", false),
        /** The one connection that writes to a file. */
        WRITER("colloquy-sqlite-writer", false),
        /** Read-only connections beside the writer. */
        READER("colloquy-sqlite-reader", true),
        /** Read-only connections to a file that nothing of this process writes (a copy's source). */
        READ_ONLY("colloquy-sqlite-read-only", true);

        final String poolName;
        final boolean readOnly;

        Pool(String poolName, boolean readOnly) {
            this.poolName = poolName;
            this.readOnly = readOnly;
        }
    }

    @Override
    public boolean claims(String url) {
        return SqliteLocation.claims(url);
    }

    @Override
    public List<String> urlForms() {
        return List.of(
                "sqlite:///relative/path.db",
                "sqlite:////absolute/path.db",
                "sqlite:///:memory:",
                "sqlite:relative/path.db",
                "jdbc:sqlite:PATH");
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(DATABASE_PATH, "the SQLite file when no URL is given [" + DEFAULT_PATH + "]");
    }

    @Override
    public Map<String, String> options() {
        return Map.of(
                Synchronous.SETTING,
                "full: a 2xx survives an operating-system crash or power loss; normal: faster, "
                        + "survives a crash of Colloquy but may lose the last commits if the system fails [full]");
    }

    @Override
    public ConnectionTarget withOptions(ConnectionTarget target, Settings settings) {
        var mode = Synchronous.parse(settings.get(Synchronous.SETTING));
        return target.withProperty(Synchronous.PROPERTY, mode.name());
    }

    @Override
    public ConnectionTarget parseUrl(String setting, String url) {
        return target(SqliteLocation.parse(setting, url));
    }

    @Override
    public ConnectionTarget fromSettings(Settings settings) {
        String path = settings.get(DATABASE_PATH).orElse(DEFAULT_PATH);
        if (path.equals(SqliteLocation.MEMORY)) {
            return target(SqliteLocation.memory());
        }
        return target(SqliteLocation.file(DATABASE_PATH, path));
    }

    private static ConnectionTarget target(SqliteLocation location) {
        return new ConnectionTarget(
                "sqlite", location.jdbcUrl(), Optional.empty(), Secret.NONE, location.describe(), Map.of());
    }

    /** Readers only: the writer pool always has exactly one connection. */
    @Override
    public PoolSettings poolDefaults(ConnectionTarget target) {
        return new PoolSettings(4, 1, Duration.ofMillis(500), Duration.ofMinutes(30));
    }

    @Override
    public DataSources open(ConnectionTarget target, PoolSettings pool) {
        if (target.location().equals(SqliteLocation.MEMORY)) {
            // A private in-memory database lives as long as its one connection.
            var only = new HikariDataSource(hikari(target, Pool.MEMORY, 1, 1, pool));
            return new DataSources(only, only, only);
        }
        createParentFolders(Path.of(target.location()));
        requireWritable(Path.of(target.location()));
        var writer = new HikariDataSource(hikari(target, Pool.WRITER, 1, 1, pool));
        try {
            var reader = new HikariDataSource(hikari(target, Pool.READER, pool.maxSize(), pool.minIdle(), pool));
            return new DataSources(writer, reader, () -> {
                        try (writer) {
                            reader.close();
                        }
                    })
                    .withPools(List.of(gauge("writer", writer), gauge("reader", reader)));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * One pool of read-only connections serves as writer and reader. A missing file is an error
     * (a read-only open never creates one). The file's bytes stay as they are: nothing is written,
     * not even the WAL of a checkpoint.
     */
    @Override
    public DataSources openReadOnly(ConnectionTarget target, PoolSettings pool) {
        if (target.location().equals(SqliteLocation.MEMORY)) {
            throw new IllegalArgumentException(
                    "a private in-memory SQLite database exists only inside the process that made it;"
                            + " it cannot be read by another command");
        }
        if (!Files.isRegularFile(Path.of(target.location()))) {
            throw new IllegalArgumentException("the SQLite file " + target.location() + " does not exist");
        }
        var only = new HikariDataSource(hikari(target, Pool.READ_ONLY, Math.min(pool.maxSize(), 2), 1, pool));
        return new DataSources(only, only, only);
    }

    /**
     * The server's pool writes and reads alike; each write's transaction is still begun,
     * committed and rolled back by statements ({@link ExplicitTransactions}), and {@code BEGIN
     * IMMEDIATE} still makes writers take turns, however many connections the pool allows.
     */
    @Override
    public DataSources adopt(DataSource provided, ConnectionTarget target) {
        if (target.location().equals(SqliteLocation.MEMORY)) {
            throw new IllegalArgumentException(
                    "a data source of a private in-memory SQLite database gives each connection a database of its own;"
                            + " give it a file");
        }
        return new DataSources(new ExplicitTransactions(provided), provided, () -> {});
    }

    @Override
    public ColumnCodec columns() {
        return new SqliteColumns();
    }

    private static HikariConfig hikari(ConnectionTarget target, Pool kind, int size, int idle, PoolSettings pool) {
        var sqlite = new SQLiteConfig();
        sqlite.setSynchronous(Synchronous.of(target).mode);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // Instants are stored as INTEGER epoch milliseconds, pinned here and checked in the schema.
        sqlite.setDateClass(SQLiteConfig.DateClass.INTEGER.getValue());
        sqlite.setDatePrecision(SQLiteConfig.DatePrecision.MILLISECONDS.getValue());
        var config = new HikariConfig();
        config.setPoolName(kind.poolName);
        if (kind.readOnly) {
            sqlite.setReadOnly(true);
            config.setDriverClassName("org.sqlite.JDBC");
            config.setJdbcUrl(target.jdbcUrl());
            config.setDataSourceProperties(sqlite.toProperties());
            config.setConnectionTimeout(pool.connectTimeout().toMillis());
        } else {
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            var driver = new SQLiteDataSource(sqlite);
            driver.setUrl(target.jdbcUrl());
            config.setDataSource(new ExplicitTransactions(driver));
            // Waiting for the one writer connection is waiting for the write lock: as long as the
            // busy timeout, whatever DB_POOL_CONNECT_TIMEOUT allows the readers. This queue is
            // SQLite's one-writer rule, not overload: writes of one process take turns on it.
            config.setConnectionTimeout(BUSY_TIMEOUT_MILLIS);
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(idle);
        config.setReadOnly(kind.readOnly);
        config.setAutoCommit(true);
        config.setMaxLifetime(kind == Pool.MEMORY ? 0 : pool.maxLifetime().toMillis());
        config.setIdleTimeout(0);
        config.setExceptionOverride(new UnknownStateEviction());
        return config;
    }

    /**
     * SQLite opens a file it may not write read-only without a word, and then fails every write.
     * A database opened for writing needs the file and its folder (where the write-ahead log and
     * its index live) writable; a missing file is created here, so it is announced.
     */
    private static void requireWritable(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.exists(file)) {
            if (folder != null && !Files.isWritable(folder)) {
                throw readOnly("cannot create the SQLite file " + file + ": the folder " + folder
                        + " is read-only for this user; make it writable or choose another path");
            }
            LOG.info("Creating a new SQLite database at {}", file);
            return;
        }
        if (!Files.isWritable(file) || (folder != null && !Files.isWritable(folder))) {
            throw readOnly("the SQLite file " + file + (Files.isWritable(file) ? "'s folder " + folder : "")
                    + " is read-only for this user, and writing needs it writable; make it writable"
                    + " (for example: chmod u+w), or read it with copy, verify or export, which never write");
        }
    }

    private static IllegalStateException readOnly(String message) {
        return new IllegalStateException(message, new SQLiteException(message, SQLiteErrorCode.SQLITE_READONLY));
    }

    static void createParentFolders(Path file) {
        Path parent = file.getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            // A path that can never work: no wait makes it writable.
            throw readOnly("cannot create the folder " + parent + " for the SQLite database ("
                    + (e instanceof AccessDeniedException
                            ? "a folder above it is read-only for this user"
                            : e instanceof FileAlreadyExistsException
                                    ? "a file of that name is in the way"
                                    : e.toString())
                    + "); create it, or choose another path");
        }
    }

    @Override
    public void verifySession(Connection connection, ConnectionTarget target) throws SQLException {
        boolean memory = connection.getMetaData().getURL().endsWith(SqliteLocation.MEMORY);
        require(connection, "foreign_keys", "1");
        // A read-only connection writes no journal: any journal mode serves it (a backup, a file
        // made by another tool), and switching the mode would write to the file.
        if (!connection.isReadOnly()) {
            require(connection, "journal_mode", memory ? "memory" : "wal");
            if (!memory) {
                require(connection, "synchronous", Synchronous.of(target).pragmaValue);
            }
        }
        // The shared stores use UPDATE ... RETURNING, which SQLite has since 3.35 (2021); the driver
        // bundles its own SQLite, so this fails only with a driver swapped for an old one.
        String version;
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT sqlite_version()")) {
            rows.next();
            version = rows.getString(1);
        }
        String[] parts = version.split("\\.");
        if (Integer.parseInt(parts[0]) == 3 && Integer.parseInt(parts[1]) < 35) {
            throw new IllegalStateException("SQLite " + version + " is too old; Colloquy needs SQLite 3.35 or newer");
        }
        String busy = pragma(connection, "busy_timeout");
        if (Integer.parseInt(busy) < BUSY_TIMEOUT_MILLIS) {
            throw new IllegalStateException("SQLite busy_timeout is " + busy + " ms, expected " + BUSY_TIMEOUT_MILLIS);
        }
    }

    private static void require(Connection connection, String pragma, String expected) throws SQLException {
        String actual = pragma(connection, pragma);
        if (!expected.equalsIgnoreCase(actual)) {
            throw new IllegalStateException(
                    "SQLite connection setting " + pragma + " is '" + actual + "', expected '" + expected + "'");
        }
    }

    static String pragma(Connection connection, String pragma) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("PRAGMA " + pragma)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    /** What a pool holds, read from Hikari's own counters when asked. */
    private static PoolGauge gauge(String name, HikariDataSource pool) {
        var bean = pool.getHikariPoolMXBean();
        return new PoolGauge(
                name,
                bean::getActiveConnections,
                bean::getIdleConnections,
                bean::getThreadsAwaitingConnection,
                pool.getMaximumPoolSize());
    }
}
