package dev.colloquy.transfer;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies every table from a source to a target whose schema is migrated to the same version:
 * pre-flight check of the whole source, then each table in key order, one transaction per batch,
 * then the target's search index checked (and rebuilt if it disagrees), then a verification of
 * both sides. A copy stopped at any moment leaves the target holding, per table, exactly the rows
 * up to some key; {@code resume} continues each table after the target's last key.
 */
public final class Copier {

    /**
     * @param resume continue a copy that was stopped, instead of refusing a target holding data
     * @param skipInvalid copy the rows the pre-flight check accepts and report the others, instead
     *     of stopping before the first row
     * @param batchSize rows per read and per target transaction
     */
    public record Options(boolean resume, boolean skipInvalid, int batchSize) {

        public static final int MAX_BATCH = 10_000;

        public Options {
            if (batchSize < 1 || batchSize > MAX_BATCH) {
                throw new IllegalArgumentException("batch size must be between 1 and " + MAX_BATCH);
            }
        }
    }

    /**
     * What a copy did.
     *
     * @param problems the rows the pre-flight check refused (skipped with {@code skipInvalid}; else
     *     nothing was copied)
     * @param copied rows written per table by this run
     * @param searchIndexRebuilt whether the target's search index disagreed and was rebuilt
     * @param verification the comparison of both sides; empty when the copy stopped at pre-flight
     */
    public record Report(
            List<RowProblem> problems,
            Map<String, Long> copied,
            boolean searchIndexRebuilt,
            Optional<VerifyReport> verification,
            Duration elapsed) {

        public boolean stoppedAtPreflight() {
            return verification.isEmpty();
        }

        public boolean succeeded() {
            return verification.map(VerifyReport::matches).orElse(false);
        }

        public long rowsCopied() {
            return copied.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Options options;

    public Copier(Options options) {
        this.options = options;
    }

    public Report copy(Side source, Side target, Progress progress) {
        Instant start = Instant.now();
        var sourceReader = new RowReader(source);
        var targetReader = new RowReader(target);
        if (!options.resume()) {
            refuseNonEmpty(target, targetReader);
        }
        Preflight.Result preflight = Preflight.scan(sourceReader, Tables.ALL, options.batchSize(), progress);
        if (!preflight.clean() && !options.skipInvalid()) {
            return new Report(
                    preflight.problems(), Map.of(), false, Optional.empty(), Duration.between(start, Instant.now()));
        }
        var writer = new RowWriter(target);
        var copied = new LinkedHashMap<String, Long>();
        for (Table table : Tables.ALL) {
            copied.put(table.name(), copyTable(table, sourceReader, targetReader, writer, preflight, progress));
        }
        boolean rebuilt = false;
        if (target.searchIndex().isPresent() && !target.searchIndex().get().consistent()) {
            target.searchIndex().get().rebuild();
            rebuilt = true;
            if (!target.searchIndex().get().consistent()) {
                throw new TransferException("the search index of the " + target.description()
                        + " still disagrees with its messages after a rebuild");
            }
        }
        VerifyReport verification =
                new Verifier(options.batchSize()).verify(source, target, preflight::isRejected, progress);
        return new Report(
                preflight.problems(),
                copied,
                rebuilt,
                Optional.of(verification),
                Duration.between(start, Instant.now()));
    }

    private static void refuseNonEmpty(Side target, RowReader targetReader) {
        var held = new ArrayList<String>();
        var counts = new HashMap<String, Long>();
        for (Table table : Tables.ALL) {
            long rows = targetReader.count(table);
            counts.put(table.name(), rows);
            if (rows > 0) {
                held.add(rows + " " + table.name());
            }
        }
        boolean firstStartOnly = held.size() == 2 && counts.get("project") == 1 && counts.get("api_token") == 1;
        if (firstStartOnly) {
            throw new TransferException("the target " + target.description()
                    + " holds only one project and one token, which is what a server's first start creates:"
                    + " the server was started on it before the copy. Empty it (drop and re-create the"
                    + " database), copy into it, and only then start the server on it; the copied tokens"
                    + " keep working and no new one is created");
        }
        if (!held.isEmpty()) {
            throw new TransferException("the target " + target.description() + " already holds data ("
                    + String.join(", ", held) + " rows); copy into an empty database, or add --resume to finish"
                    + " a copy into it that was interrupted");
        }
    }

    private long copyTable(
            Table table,
            RowReader sourceReader,
            RowReader targetReader,
            RowWriter writer,
            Preflight.Result preflight,
            Progress progress) {
        Optional<List<Object>> after = options.resume() ? targetReader.lastKey(table) : Optional.empty();
        progress.begin("copy", table.name(), preflight.rows().getOrDefault(table.name(), -1L));
        long written = 0;
        long done = 0;
        while (true) {
            List<Row> batch = sourceReader.batch(table, after, options.batchSize());
            if (batch.isEmpty()) {
                break;
            }
            after = Optional.of(batch.get(batch.size() - 1).key());
            List<Row> accepted =
                    batch.stream().filter(row -> !preflight.isRejected(row)).toList();
            try {
                writer.inTransaction(connection -> writer.insert(connection, accepted));
            } catch (SQLException e) {
                throw new TransferException(
                        "could not write the " + table + " rows from "
                                + batch.get(0).describeKey() + " on to the " + writer.description() + ": "
                                + e.getMessage(),
                        e);
            }
            written += accepted.size();
            done += batch.size();
            progress.advance(done);
            if (batch.size() < options.batchSize()) {
                break;
            }
        }
        progress.end(done);
        return written;
    }
}
