package dev.colloquy.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Inserts rows with JDBC batches, computing the derived search columns as the stores do. */
final class RowWriter {

    private final Side side;

    RowWriter(Side side) {
        this.side = side;
    }

    String description() {
        return side.description();
    }

    /** Inserts the rows, all of one table, on the connection's current transaction. */
    void insert(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Table table = rows.get(0).table();
        List<String> derived = table.derivedColumns();
        try (PreparedStatement statement = connection.prepareStatement(table.insert())) {
            for (Row row : rows) {
                int index = 1;
                for (int i = 0; i < table.columns().size(); i++) {
                    table.columns()
                            .get(i)
                            .kind()
                            .bind(statement, index++, row.values().get(i), side.codec());
                }
                for (String column : derived) {
                    statement.setString(index++, table.derived().get(column).from(row));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Runs {@code work} in one transaction on the writer: all of it is stored, or none. Connections
     * of the pools keep auto-commit on between transactions, so it is restored before returning.
     */
    void inTransaction(SqlWork work) throws SQLException {
        try (Connection connection = side.requireWriter().getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
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
