package dev.colloquy.persistence.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.PoolSettings;
import dev.colloquy.persistence.config.Secret;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.persistence.spi.ColumnCodec;
import dev.colloquy.persistence.spi.ConnectionTarget;
import dev.colloquy.persistence.spi.DataSources;
import dev.colloquy.persistence.spi.DatabaseBackend;
import dev.colloquy.persistence.spi.Failure;
import dev.colloquy.search.SearchSyntax;
import jakarta.persistence.spi.PersistenceProvider;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: an embedded file, the zero-configuration default.
 *
 * <p>SQLite allows one writer at a time. Writes go through a pool of exactly one connection whose
 * transactions begin IMMEDIATE (taking the write lock up front, so a transaction never fails trying
 * to upgrade a read lock), while reads use a separate pool of read-only connections that WAL lets
 * run beside the writer. Both pools keep auto-commit on between transactions, because the driver
 * would otherwise begin the next IMMEDIATE transaction at once and hold the write lock while idle.
 */
public final class SqliteBackend implements DatabaseBackend {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteBackend.class);

    public static final String DATABASE_PATH = "DATABASE_PATH";
    static final String DEFAULT_PATH = "./data/colloquy.db";
    static final int BUSY_TIMEOUT_MILLIS = 5_000;
    public static final String SQLITE_SYNCHRONOUS = "SQLITE_SYNCHRONOUS";
    /** The driver property that carries the chosen synchronous mode from the target to the pools. */
    static final String SYNCHRONOUS = "synchronous";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String productName() {
        return "SQLite";
    }

    @Override
    public boolean isDefault() {
        return true;
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
                SQLITE_SYNCHRONOUS,
                "full: a 2xx survives an operating-system crash or power loss; normal: faster, "
                        + "survives a crash of Colloquy but may lose the last commits if the system fails [full]");
    }

    @Override
    public ConnectionTarget withOptions(ConnectionTarget target, Settings settings) {
        var mode = Synchronous.parse(settings.get(SQLITE_SYNCHRONOUS));
        return target.withProperty(SYNCHRONOUS, mode.name());
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

    private ConnectionTarget target(SqliteLocation location) {
        return new ConnectionTarget(
                name(), location.jdbcUrl(), Optional.empty(), Secret.NONE, location.describe(), Map.of());
    }

    /** Readers only: the writer pool always has exactly one connection. */
    @Override
    public PoolSettings poolDefaults(ConnectionTarget target) {
        return new PoolSettings(4, 1, Duration.ofMillis(500), Duration.ofMinutes(30));
    }

    @Override
    public DataSources open(ConnectionTarget target, PoolSettings pool) {
        boolean memory = target.location().equals(SqliteLocation.MEMORY);
        if (memory) {
            // A private in-memory database lives as long as its one connection: one pool, one
            // connection that is never retired, for reads and writes alike.
            var onlyConfig = hikari(target, "colloquy-sqlite", 1, 1, pool, false, true);
            onlyConfig.setConnectionTimeout(BUSY_TIMEOUT_MILLIS); // it is the writer too: see below
            var only = new HikariDataSource(onlyConfig);
            return new DataSources(only, only, only);
        }
        createParentFolders(Path.of(target.location()));
        requireWritable(Path.of(target.location()));
        var writerConfig = hikari(target, "colloquy-sqlite-writer", 1, 1, pool, false, false);
        // Waiting for the one writer connection is waiting for the write lock: as long as the busy
        // timeout, whatever DB_POOL_CONNECT_TIMEOUT allows the readers. This queue is SQLite's
        // one-writer rule, not overload: writes of one process take turns on it.
        writerConfig.setConnectionTimeout(BUSY_TIMEOUT_MILLIS);
        var writer = new HikariDataSource(writerConfig);
        try {
            var reader = new HikariDataSource(
                    hikari(target, "colloquy-sqlite-reader", pool.maxSize(), pool.minIdle(), pool, true, false));
            return new DataSources(writer, reader, () -> {
                try (writer) {
                    reader.close();
                }
            });
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
        var only = new HikariDataSource(
                hikari(target, "colloquy-sqlite-read-only", Math.min(pool.maxSize(), 2), 1, pool, true, false));
        return new DataSources(only, only, only);
    }

    @Override
    public ColumnCodec columns() {
        return new SqliteColumns();
    }

    private static HikariConfig hikari(
            ConnectionTarget target,
            String name,
            int size,
            int idle,
            PoolSettings pool,
            boolean readOnly,
            boolean forever) {
        var sqlite = new SQLiteConfig();
        sqlite.setSynchronous(Synchronous.of(target).mode);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // Instants are stored as INTEGER epoch milliseconds, pinned here and checked in the schema.
        sqlite.setDateClass(SQLiteConfig.DateClass.INTEGER.getValue());
        sqlite.setDatePrecision(SQLiteConfig.DatePrecision.MILLISECONDS.getValue());
        if (readOnly) {
            sqlite.setReadOnly(true);
        } else {
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        var config = new HikariConfig();
        config.setPoolName(name);
        if (readOnly) {
            config.setDriverClassName("org.sqlite.JDBC");
            config.setJdbcUrl(target.jdbcUrl());
            config.setDataSourceProperties(sqlite.toProperties());
        } else {
            var driver = new SQLiteDataSource(sqlite);
            driver.setUrl(target.jdbcUrl());
            config.setDataSource(new ExplicitTransactions(driver));
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(idle);
        config.setReadOnly(readOnly);
        config.setAutoCommit(true);
        config.setConnectionTimeout(pool.connectTimeout().toMillis());
        config.setMaxLifetime(forever ? 0 : pool.maxLifetime().toMillis());
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

    private static void createParentFolders(Path file) {
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

    /** Incremental auto-vacuum must be chosen before the first table exists. */
    @Override
    public void prepare(DataSource writer) throws SQLException {
        try (Connection connection = writer.getConnection();
                Statement statement = connection.createStatement()) {
            if ("0".equals(pragma(connection, "page_count")) || !tableExists(connection)) {
                statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
                if (!"2".equals(pragma(connection, "auto_vacuum"))) {
                    statement.execute("VACUUM");
                }
            }
        }
    }

    private static boolean tableExists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return rows.next() && rows.getInt(1) > 0;
        }
    }

    @Override
    public AutoCloseable migrationLock(ConnectionTarget target) {
        if (target.location().equals(SqliteLocation.MEMORY)) {
            return () -> {};
        }
        return MigrationFileLock.acquire(Path.of(target.location()));
    }

    /** A lock file beside the database; a private in-memory database needs none. */
    @Override
    public java.util.Optional<AutoCloseable> tryJobLock(ConnectionTarget target, DataSource writer, String job) {
        if (target.location().equals(SqliteLocation.MEMORY)) {
            return java.util.Optional.of(() -> {});
        }
        return JobFileLock.tryAcquire(Path.of(target.location()), job);
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/colloquy/sqlite";
    }

    @Override
    public PersistenceProvider persistenceProvider() {
        return new HibernatePersistenceProvider();
    }

    @Override
    public Map<String, Object> persistenceProperties() {
        return Map.of(
                "hibernate.dialect", "org.hibernate.community.dialect.SQLiteDialect",
                "hibernate.hbm2ddl.auto", "none",
                "hibernate.jdbc.batch_size", "100",
                "hibernate.order_inserts", "true",
                "hibernate.jdbc.time_zone", "UTC",
                "hibernate.query.fail_on_pagination_over_collection_fetch", "true",
                // FTS5's shadow tables have untyped columns that Hibernate's grouped metadata
                // extraction cannot read (Hibernate 7.4); reading the mapped tables one by one skips them.
                "hibernate.hbm2ddl.jdbc_metadata_extraction_strategy", "individually");
    }

    @Override
    public String mappingFile() {
        return "META-INF/colloquy/sqlite-orm.xml";
    }

    @Override
    public SearchSyntax searchSyntax() {
        return new Fts5Syntax();
    }

    @Override
    public Failure classify(SQLException error) {
        if (error instanceof SQLTransientConnectionException) {
            // The one writer connection stayed taken for the busy timeout (writes are queued no
            // longer than a lock is waited for), or every reader for DB_POOL_CONNECT_TIMEOUT.
            return Failure.OVERLOADED;
        }
        if (!(error instanceof SQLiteException sqlite)) {
            return Failure.OTHER;
        }
        SQLiteErrorCode code = sqlite.getResultCode();
        return switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> Failure.UNIQUE_VIOLATION;
            case SQLITE_CONSTRAINT_FOREIGNKEY -> Failure.FOREIGN_KEY_VIOLATION;
            // Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, ...) by their primary code.
            default ->
                switch (code.code & 0xff) {
                    case PRIMARY_BUSY, PRIMARY_LOCKED -> Failure.BUSY;
                    case PRIMARY_READONLY -> Failure.READ_ONLY;
                    case PRIMARY_IOERR, PRIMARY_FULL -> Failure.STORAGE;
                    case PRIMARY_CANTOPEN -> Failure.CONNECTION;
                    default -> Failure.OTHER;
                };
        };
    }

    // SQLite's primary result codes (sqlite3.h), the low byte of every extended one.
    private static final int PRIMARY_BUSY = 5;
    private static final int PRIMARY_LOCKED = 6;
    private static final int PRIMARY_READONLY = 8;
    private static final int PRIMARY_IOERR = 10;
    private static final int PRIMARY_FULL = 13;
    private static final int PRIMARY_CANTOPEN = 14;

    /** Returns the pages freed by deletes to the file system and truncates the write-ahead log. */
    @Override
    public void reclaimSpace(DataSource writer) throws SQLException {
        try (Connection connection = writer.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA incremental_vacuum");
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /**
     * {@code VACUUM INTO}: an online, consistent copy of the live file, taken while readers and
     * the writer go on. The copy's search indexes are then checked, and rebuilt should a row id
     * have moved in the copy (they are keyed by row id).
     */
    @Override
    public void backup(DataSource writer, Path target) throws SQLException {
        Path absolute = target.toAbsolutePath().normalize();
        createParentFolders(absolute);
        try (Connection connection = writer.getConnection();
                var statement = connection.prepareStatement("VACUUM INTO ?")) {
            statement.setString(1, absolute.toString());
            statement.execute();
        }
        try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + absolute);
                Statement statement = copy.createStatement()) {
            // VACUUM INTO writes a rollback-journal file; the copy gets the live file's mode.
            statement.execute("PRAGMA journal_mode = WAL");
            for (String index : new String[] {"message_fts", "conversation_fts"}) {
                try {
                    statement.execute("INSERT INTO " + index + " (" + index + ", rank) VALUES ('integrity-check', 1)");
                } catch (SQLiteException e) {
                    statement.execute("INSERT INTO " + index + " (" + index + ") VALUES ('rebuild')");
                }
            }
        }
    }

    /** FTS5's integrity check, with rank 1 also comparing each index against its content table. */
    @Override
    public boolean searchIndexConsistent(DataSource writer) throws SQLException {
        try (Connection connection = writer.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO message_fts (message_fts, rank) VALUES ('integrity-check', 1)");
            statement.execute("INSERT INTO conversation_fts (conversation_fts, rank) VALUES ('integrity-check', 1)");
            return true;
        } catch (SQLiteException e) {
            if (e.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT_VTAB) {
                return false;
            }
            throw e;
        }
    }

    /** FTS5 external-content indexes rebuild themselves from their content tables. */
    @Override
    public void rebuildSearchIndex(DataSource writer) throws SQLException {
        try (Connection connection = writer.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO message_fts (message_fts) VALUES ('rebuild')");
            statement.execute("INSERT INTO conversation_fts (conversation_fts) VALUES ('rebuild')");
        }
    }

    /**
     * When SQLite waits for the disk in WAL mode. FULL syncs the log at every commit, so an
     * acknowledged write survives the operating system or the disk failing; NORMAL syncs it at
     * checkpoints only: safe against a crash of the process, not of the system.
     */
    enum Synchronous {
        FULL(SQLiteConfig.SynchronousMode.FULL, "2"),
        NORMAL(SQLiteConfig.SynchronousMode.NORMAL, "1");

        final SQLiteConfig.SynchronousMode mode;
        final String pragmaValue;

        Synchronous(SQLiteConfig.SynchronousMode mode, String pragmaValue) {
            this.mode = mode;
            this.pragmaValue = pragmaValue;
        }

        static Synchronous parse(Optional<String> value) {
            if (value.isEmpty()) {
                return FULL;
            }
            return switch (value.get().toLowerCase(Locale.ROOT)) {
                case "full" -> FULL;
                case "normal" -> NORMAL;
                default ->
                    throw new ConfigurationException(
                            SQLITE_SYNCHRONOUS, "must be full or normal, was '" + value.get() + "'");
            };
        }

        /** The mode a target was given; FULL for one made without the settings (a copy's source). */
        static Synchronous of(ConnectionTarget target) {
            return Optional.ofNullable(target.properties().get(SYNCHRONOUS))
                    .map(Synchronous::valueOf)
                    .orElse(FULL);
        }
    }
}
