package dev.colloquy.transfer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Compares two databases table by table: both are read in key order (the same order on every
 * database) and walked side by side, so besides the counts and checksums the report names the
 * first rows that differ.
 */
public final class Verifier {

    static final int LISTED_DIFFERENCES = 5;

    private final int batchSize;

    public Verifier(int batchSize) {
        this.batchSize = batchSize;
    }

    public VerifyReport verify(Side source, Side target, Progress progress) {
        return verify(source, target, row -> false, progress);
    }

    /** {@code leftOut} says which source rows were deliberately not copied (skipped as invalid). */
    VerifyReport verify(Side source, Side target, Predicate<Row> leftOut, Progress progress) {
        var sourceReader = new RowReader(source);
        var targetReader = new RowReader(target);
        var results = new ArrayList<VerifyReport.TableResult>();
        for (Table table : Tables.ALL) {
            progress.begin("verify", table.name(), sourceReader.count(table));
            results.add(compare(table, sourceReader, targetReader, leftOut, progress));
        }
        return new VerifyReport(results);
    }

    private VerifyReport.TableResult compare(
            Table table, RowReader sourceReader, RowReader targetReader, Predicate<Row> leftOut, Progress progress) {
        Iterator<Row> sourceRows = sourceReader.all(table, Optional.empty(), batchSize);
        Iterator<Row> targetRows = targetReader.all(table, Optional.empty(), batchSize);
        var sourceSum = new Checksum();
        var targetSum = new Checksum();
        var differences = new ArrayList<String>();
        long unlisted = 0;
        Row s = next(sourceRows, leftOut);
        Row t = next(targetRows, row -> false);
        long done = 0;
        while (s != null || t != null) {
            int order = s == null ? 1 : t == null ? -1 : Keys.compare(s.key(), t.key());
            String difference = null;
            if (order < 0) {
                sourceSum.add(Canonical.encode(s));
                difference = "missing in target: " + s.describeKey();
                s = next(sourceRows, leftOut);
            } else if (order > 0) {
                targetSum.add(Canonical.encode(t));
                difference = "only in target: " + t.describeKey();
                t = next(targetRows, row -> false);
            } else {
                String a = Canonical.encode(s);
                String b = Canonical.encode(t);
                sourceSum.add(a);
                targetSum.add(b);
                if (!a.equals(b)) {
                    difference = "differs: " + s.describeKey() + " (" + differingColumns(s, t) + ")";
                }
                s = next(sourceRows, leftOut);
                t = next(targetRows, row -> false);
            }
            if (difference != null) {
                if (differences.size() < LISTED_DIFFERENCES) {
                    differences.add(difference);
                } else {
                    unlisted++;
                }
            }
            if (++done % batchSize == 0) {
                progress.advance(done);
            }
        }
        progress.end(done);
        if (unlisted > 0) {
            differences.add("and " + unlisted + " more rows");
        }
        return new VerifyReport.TableResult(
                table.name(), sourceSum.rows(), targetSum.rows(), sourceSum.hex(), targetSum.hex(), differences);
    }

    private static String differingColumns(Row a, Row b) {
        var names = new ArrayList<String>();
        for (int i = 0; i < a.values().size(); i++) {
            Kind kind = a.table().columns().get(i).kind();
            if (!Canonical.value(kind, a.values().get(i))
                    .equals(Canonical.value(kind, b.values().get(i)))) {
                names.add(a.table().columns().get(i).name());
            }
        }
        return String.join(", ", names);
    }

    private static Row next(Iterator<Row> rows, Predicate<Row> leftOut) {
        while (rows.hasNext()) {
            Row row = rows.next();
            if (!leftOut.test(row)) {
                return row;
            }
        }
        return null;
    }
}
