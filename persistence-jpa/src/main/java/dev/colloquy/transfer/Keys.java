package dev.colloquy.transfer;

import dev.colloquy.domain.Ids;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Orders keys as both databases order them: ids by their bytes, unsigned; numbers by value. */
final class Keys {

    static final Comparator<List<Object>> ORDER = Keys::compare;

    private Keys() {}

    static int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareValues(Object a, Object b) {
        if (a instanceof UUID x && b instanceof UUID y) {
            return Ids.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        throw new IllegalArgumentException("keys of ids or numbers only, got " + a + " and " + b);
    }
}
