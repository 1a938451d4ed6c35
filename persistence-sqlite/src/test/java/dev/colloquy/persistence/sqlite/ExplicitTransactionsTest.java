package dev.colloquy.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A writer connection's transactions: begun, ended and failed exactly where the caller says. */
class ExplicitTransactionsTest {

    private static ExplicitTransactions writer(Path file) {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(200);
        var driver = new SQLiteDataSource(config);
        driver.setUrl("jdbc:sqlite:" + file);
        return new ExplicitTransactions(driver);
    }

    private static Connection other(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 200");
        }
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A wrapped writer connection and a plain one of another client, on a file with one table. */
    private Connection connection;

    private Connection other;

    @BeforeEach
    void open(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("t.db");
        connection = writer(file).getConnection();
        other = other(file);
        execute(connection, "CREATE TABLE t (x INTEGER)");
    }

    @AfterEach
    void close() throws Exception {
        try (Connection writer = connection;
                Connection plain = other) {
            // both closed, the second even if the first fails
        }
    }

    private static long rows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT count(*) FROM t")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void afterCommitNothingHoldsTheWriteLock() throws Exception {
        connection.setAutoCommit(false);
        execute(connection, "INSERT INTO t VALUES (1)");
        connection.commit();
        // The driver alone would have begun the next IMMEDIATE transaction here, holding the lock.
        try (Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("ROLLBACK");
        }
        connection.setAutoCommit(true);
        assertThat(rows(other)).isEqualTo(1);
    }

    @Test
    void aBeginThatFindsTheLockTakenLeavesTheConnectionInAutoCommit() throws Exception {
        try (Statement holder = other.createStatement()) {
            holder.execute("BEGIN IMMEDIATE");
            assertThatThrownBy(() -> connection.setAutoCommit(false)).isInstanceOf(SQLException.class);
            assertThat(connection.getAutoCommit()).isTrue();
            assertThatThrownBy(connection::commit).hasMessageContaining("no transaction is active");
            holder.execute("ROLLBACK");
        }
        connection.setAutoCommit(false);
        execute(connection, "INSERT INTO t VALUES (1)");
        execute(connection, "INSERT INTO t VALUES (2)");
        connection.rollback();
        assertThat(connection.getAutoCommit()).isFalse();
        connection.setAutoCommit(true);
        assertThat(rows(other)).as("a rolled-back transaction stored nothing").isZero();
    }

    @Test
    void settingAutoCommitDuringATransactionCommitsIt() throws Exception {
        connection.setAutoCommit(false);
        execute(connection, "INSERT INTO t VALUES (1)");
        assertThat(rows(other)).isZero();
        connection.setAutoCommit(true);
        assertThat(rows(other)).isEqualTo(1);
        assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
    }
}
