package dev.colloquy.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the whole source before the first row moves and lists every row the target would refuse
 * or the domain does not allow: text with NUL characters or unpaired surrogates, metadata that is
 * not a JSON object, unknown roles, tags not lower-cased, numbers and instants outside their
 * range, and orphans (rows whose parent is missing or refused itself, so that skipping a
 * conversation also skips its messages).
 */
final class Preflight {

    /** What the scan found: the problems, and the keys of the rows to leave out, per table. */
    record Result(List<RowProblem> problems, Map<String, Set<List<Object>>> rejected, Map<String, Long> rows) {

        boolean clean() {
            return problems.isEmpty();
        }

        boolean isRejected(Row row) {
            var keys = rejected.get(row.table().name());
            return keys != null && keys.contains(row.key());
        }
    }

    private Preflight() {}

    static Result scan(RowReader source, List<Table> tables, int batchSize, Progress progress) {
        var referenced = new HashSet<String>();
        tables.forEach(t -> t.columns().forEach(c -> c.references().ifPresent(referenced::add)));
        var accepted = new HashMap<String, Set<UUID>>();
        var problems = new ArrayList<RowProblem>();
        var rejected = new HashMap<String, Set<List<Object>>>();
        var counts = new HashMap<String, Long>();
        for (Table table : tables) {
            long total = source.count(table);
            progress.begin("check", table.name(), total);
            Set<UUID> ids = referenced.contains(table.name()) ? new HashSet<>() : null;
            long done = 0;
            var rows = source.all(table, Optional.empty(), batchSize);
            while (rows.hasNext()) {
                Row row = rows.next();
                Optional<String> problem = problem(row, accepted);
                if (problem.isPresent()) {
                    problems.add(new RowProblem(table.name(), row.describeKey(), problem.get(), Canonical.encode(row)));
                    rejected.computeIfAbsent(table.name(), t -> new HashSet<>()).add(row.key());
                } else if (ids != null) {
                    ids.add((UUID) row.get("id"));
                }
                if (++done % batchSize == 0) {
                    progress.advance(done);
                }
            }
            progress.end(done);
            counts.put(table.name(), done);
            if (ids != null) {
                accepted.put(table.name(), ids);
            }
        }
        return new Result(List.copyOf(problems), rejected, counts);
    }

    static Optional<String> problem(Row row, Map<String, Set<UUID>> accepted) {
        var reasons = new ArrayList<String>();
        for (int i = 0; i < row.table().columns().size(); i++) {
            Column column = row.table().columns().get(i);
            Object value = row.values().get(i);
            column.kind().problem(column.name(), value, column.min()).ifPresent(reasons::add);
            if (column.references().isPresent() && value != null) {
                Set<UUID> parents = accepted.get(column.references().get());
                if (parents != null && !parents.contains((UUID) value)) {
                    reasons.add(column.name() + " " + value + " refers to a "
                            + column.references().get() + " that is missing or refused");
                }
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }
}
