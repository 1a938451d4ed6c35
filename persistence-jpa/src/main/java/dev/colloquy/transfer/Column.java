package dev.colloquy.transfer;

import java.util.Optional;

/**
 * A stored column of a table.
 *
 * @param name the column's name in both schemas
 * @param kind its type
 * @param min the smallest value the domain accepts, for numbers
 * @param references the table whose id it holds, for foreign keys
 */
record Column(String name, Kind kind, int min, Optional<String> references) {

    static Column of(String name, Kind kind) {
        return new Column(name, kind, Integer.MIN_VALUE, Optional.empty());
    }

    static Column atLeast(String name, Kind kind, int min) {
        return new Column(name, kind, min, Optional.empty());
    }

    static Column reference(String name, String table) {
        return new Column(name, Kind.ID, Integer.MIN_VALUE, Optional.of(table));
    }
}
