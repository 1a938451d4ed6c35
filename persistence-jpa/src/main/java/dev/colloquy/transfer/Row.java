package dev.colloquy.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One row of a table: its stored values in the table's column order. */
record Row(Table table, List<Object> values) {

    Row {
        if (values.size() != table.columns().size()) {
            throw new IllegalArgumentException(
                    table.name() + " has " + table.columns().size() + " columns, got " + values.size() + " values");
        }
        // a list that may hold nulls (optional columns), never changed after this
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    static Row of(Table table, Object... values) {
        return new Row(table, Arrays.asList(values));
    }

    Object get(String column) {
        return values.get(table.index(column));
    }

    /** The values of the key the table is read in order of. */
    List<Object> key() {
        return table.key().stream().map(this::get).toList();
    }

    /** The key for people: one value, or the values joined by a slash. */
    String describeKey() {
        return String.join("/", key().stream().map(String::valueOf).toList());
    }
}
