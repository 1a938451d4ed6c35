package dev.colloquy.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reads a table in the order of its key, one batch per statement (keyset paging), so that a
 * table of any size streams in constant memory and a copy can continue after any key.
 */
final class RowReader {

    private final Side side;

    RowReader(Side side) {
        this.side = side;
    }

    long count(Table table) {
        try (Connection connection = side.reader().getConnection();
                var statement = connection.prepareStatement(table.count());
                var rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw failure("count the rows of " + table, e);
        }
    }

    /** The greatest key present, if the table holds any row. */
    Optional<List<Object>> lastKey(Table table) {
        try (Connection connection = side.reader().getConnection();
                var statement = connection.prepareStatement(table.selectLastKey());
                var rows = statement.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            var key = new ArrayList<Object>();
            for (int i = 0; i < table.key().size(); i++) {
                Column column = table.column(table.key().get(i)).orElseThrow();
                key.add(column.kind().read(rows, i + 1, side.codec()));
            }
            return Optional.of(key);
        } catch (SQLException e) {
            throw failure("read the last key of " + table, e);
        }
    }

    /** The rows after {@code after} (all from the first when empty), at most {@code limit}. */
    List<Row> batch(Table table, Optional<List<Object>> after, int limit) {
        try (Connection connection = side.reader().getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(after.isPresent() ? table.selectAfter() : table.selectFirst())) {
            int index = 1;
            if (after.isPresent()) {
                for (int i = 0; i < table.key().size(); i++) {
                    Column column = table.column(table.key().get(i)).orElseThrow();
                    column.kind().bind(statement, index++, after.get().get(i), side.codec());
                }
            }
            statement.setInt(index, limit);
            var batch = new ArrayList<Row>(limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    var values = new ArrayList<Object>(table.columns().size());
                    for (int i = 0; i < table.columns().size(); i++) {
                        values.add(table.columns().get(i).kind().read(rows, i + 1, side.codec()));
                    }
                    batch.add(new Row(table, values));
                }
            }
            return batch;
        } catch (SQLException e) {
            throw failure("read " + table, e);
        }
    }

    /** Every row of the table in key order, read a batch at a time. */
    Iterator<Row> all(Table table, Optional<List<Object>> after, int batchSize) {
        return new Iterator<>() {
            private List<Row> batch = List.of();
            private int next;
            private Optional<List<Object>> last = after;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (next < batch.size()) {
                    return true;
                }
                if (exhausted) {
                    return false;
                }
                batch = batch(table, last, batchSize);
                next = 0;
                if (batch.size() < batchSize) {
                    exhausted = true;
                }
                if (!batch.isEmpty()) {
                    last = Optional.of(batch.get(batch.size() - 1).key());
                }
                return !batch.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.get(next++);
            }
        };
    }

    private TransferException failure(String what, SQLException e) {
        return new TransferException("could not " + what + " in the " + side.description() + ": " + e.getMessage(), e);
    }
}
