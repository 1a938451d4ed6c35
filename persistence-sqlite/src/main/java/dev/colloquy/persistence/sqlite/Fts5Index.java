package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.spi.BackendSearch;
import dev.colloquy.search.SearchSyntax;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.sqlite.SQLiteErrorCode;

/** SQLite's full-text indexes: FTS5 external-content tables over messages and titles. */
final class Fts5Index implements BackendSearch {

    private static final List<String> INDEXES = List.of("message_fts", "conversation_fts");

    @Override
    public SearchSyntax syntax() {
        return new Fts5Syntax();
    }

    @Override
    public boolean indexConsistent(DataSource writer) throws SQLException {
        try (Connection connection = writer.getConnection()) {
            return consistent(connection);
        }
    }

    @Override
    public void rebuildIndex(DataSource writer) throws SQLException {
        try (Connection connection = writer.getConnection()) {
            rebuild(connection);
        }
    }

    /** FTS5's integrity check, with rank 1 also comparing each index against its content table. */
    static boolean consistent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String index : INDEXES) {
                statement.execute("INSERT INTO " + index + " (" + index + ", rank) VALUES ('integrity-check', 1)");
            }
            return true;
        } catch (SQLException e) {
            if (SqliteErrors.resultCode(e).orElse(null) == SQLiteErrorCode.SQLITE_CORRUPT_VTAB) {
                return false;
            }
            throw e;
        }
    }

    /** External-content indexes rebuild themselves from their content tables. */
    static void rebuild(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String index : INDEXES) {
                statement.execute("INSERT INTO " + index + " (" + index + ") VALUES ('rebuild')");
            }
        }
    }
}
