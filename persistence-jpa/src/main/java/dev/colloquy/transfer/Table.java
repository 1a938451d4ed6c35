package dev.colloquy.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A table as the transfer moves it: its stored columns (derived ones aside), the columns of a
 * unique key it is read in order of, and the derived columns the writer computes. The SQL is made
 * once, from these constant names only; values always travel as bound parameters.
 *
 * @param name the table's name in both schemas
 * @param columns the columns copied and compared, in a fixed order
 * @param key the unique key whose order the rows are read in (the primary key, or another unique key)
 * @param derived columns computed from the stored ones on insert: the search text, normalized in Java
 */
public record Table(String name, List<Column> columns, List<String> key, Map<String, Table.Derived> derived) {

    /** How a derived column's value is computed from a row's stored columns. */
    @FunctionalInterface
    public interface Derived {
        String from(Row row);
    }

    public Table {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        derived = Map.copyOf(derived);
        if (key.isEmpty() || key.size() > 2) {
            throw new IllegalArgumentException("a key of one or two columns, was " + key);
        }
    }

    /** The same table read in the order of another unique key. */
    Table orderedBy(List<String> otherKey) {
        return new Table(name, columns, otherKey, derived);
    }

    /** Every column the transfer writes: the copied ones, then the derived ones. */
    public List<String> columnNames() {
        var names = new ArrayList<>(columns.stream().map(Column::name).toList());
        names.addAll(derivedColumns());
        return names;
    }

    int index(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no column " + column);
    }

    Optional<Column> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    private String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    private String keyList() {
        return String.join(", ", key);
    }

    String selectFirst() {
        return "SELECT " + columnList() + " FROM " + name + " ORDER BY " + keyList() + " LIMIT ?";
    }

    /** Keyset paging: row values compare column by column on both databases, and use the key's index. */
    String selectAfter() {
        String after = key.size() == 1 ? key.get(0) + " > ?" : "(" + keyList() + ") > (?, ?)";
        return "SELECT " + columnList() + " FROM " + name + " WHERE " + after + " ORDER BY " + keyList() + " LIMIT ?";
    }

    String selectLastKey() {
        String descending = key.stream().map(k -> k + " DESC").collect(Collectors.joining(", "));
        return "SELECT " + keyList() + " FROM " + name + " ORDER BY " + descending + " LIMIT 1";
    }

    String countById() {
        return "SELECT count(*) FROM " + name + " WHERE id = ?";
    }

    String count() {
        return "SELECT count(*) FROM " + name;
    }

    /** The derived columns come last, in a fixed order. */
    List<String> derivedColumns() {
        return derived.keySet().stream().sorted().toList();
    }

    String insert() {
        var names = new ArrayList<>(columns.stream().map(Column::name).toList());
        names.addAll(derivedColumns());
        String marks = names.stream().map(n -> "?").collect(Collectors.joining(", "));
        return "INSERT INTO " + name + " (" + String.join(", ", names) + ") VALUES (" + marks + ")";
    }

    @Override
    public String toString() {
        return name;
    }
}
