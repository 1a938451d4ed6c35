package dev.colloquy.bench;

import dev.colloquy.persistence.spi.ColumnCodec;
import dev.colloquy.persistence.spi.DataSources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The baselines' JDBC: plain statements on connections from the backend's own pools (the same
 * connection setup Colloquy gets: pragmas, time zone, driver properties), without the mapping,
 * the stores or the transaction helper.
 */
final class RawJdbc {

    static final String INSERT_MESSAGE = "INSERT INTO message (id, conversation_id, seq, role, content, search_text,"
            + " metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String LAST_MESSAGES = "SELECT id, conversation_id, seq, role, content, metadata, created_at"
            + " FROM message WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?";

    private RawJdbc() {}

    static DataSources open(String url) {
        var settings = Scenarios.settings(url);
        return settings.backend().connections().open(settings.target(), settings.pool());
    }

    static void bindMessage(
            PreparedStatement statement,
            ColumnCodec codec,
            UUID id,
            UUID conversation,
            int seq,
            String content,
            String searchText,
            Instant createdAt)
            throws SQLException {
        codec.setId(statement, 1, id);
        codec.setId(statement, 2, conversation);
        statement.setInt(3, seq);
        statement.setString(4, "user");
        statement.setString(5, content);
        statement.setString(6, searchText);
        statement.setString(7, "{}");
        codec.setInstant(statement, 8, createdAt);
    }

    /** Runs the query and reads every column of every row, as a caller would; returns the row count. */
    static int readMessages(PreparedStatement statement, ColumnCodec codec) throws SQLException {
        int count = 0;
        try (var rows = statement.executeQuery()) {
            while (rows.next()) {
                codec.getId(rows, 1);
                codec.getId(rows, 2);
                rows.getInt(3);
                rows.getString(4);
                rows.getString(5);
                rows.getString(6);
                codec.getInstant(rows, 7);
                count++;
            }
        }
        return count;
    }

    /** One unit of work in its own transaction on a pooled connection. */
    static void inTransaction(DataSource dataSource, SqlWork work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    @FunctionalInterface
    interface SqlWork {
        void run(Connection connection) throws SQLException;
    }
}
