package dev.colloquy.transfer;

import java.util.ArrayList;
import java.util.List;

/** Per table: row counts and checksums of both sides, and the first keys that differ. */
public record VerifyReport(List<TableResult> tables) {

    public VerifyReport {
        tables = List.copyOf(tables);
    }

    /**
     * @param differences the first few rows that differ, each as "missing in target", "only in
     *     target" or "differs" with its key
     */
    public record TableResult(
            String table,
            long sourceRows,
            long targetRows,
            String sourceChecksum,
            String targetChecksum,
            List<String> differences) {

        public boolean matches() {
            return sourceRows == targetRows && sourceChecksum.equals(targetChecksum) && differences.isEmpty();
        }
    }

    public boolean matches() {
        return tables.stream().allMatch(TableResult::matches);
    }

    /** One line per table, aligned, for a terminal or a log. */
    public List<String> lines() {
        int width = tables.stream().mapToInt(t -> t.table().length()).max().orElse(5);
        var lines = new ArrayList<String>();
        lines.add(String.format(
                "%-" + width + "s  %12s  %12s  %-16s  %-16s  %s",
                "table",
                "source rows",
                "target rows",
                "source checksum",
                "target checksum",
                "result"));
        for (TableResult t : tables) {
            lines.add(String.format(
                    "%-" + width + "s  %12d  %12d  %-16s  %-16s  %s",
                    t.table(),
                    t.sourceRows(),
                    t.targetRows(),
                    t.sourceChecksum().substring(0, 16),
                    t.targetChecksum().substring(0, 16),
                    t.matches() ? "ok" : "DIFFERENT"));
            t.differences().forEach(d -> lines.add("  " + t.table() + ": " + d));
        }
        return lines;
    }
}
