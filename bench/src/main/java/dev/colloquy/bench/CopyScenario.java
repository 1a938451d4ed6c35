package dev.colloquy.bench;

import dev.colloquy.persistence.Database;
import dev.colloquy.transfer.Table;
import dev.colloquy.transfer.Tables;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code copy} of a SQLite file into PostgreSQL, verification included, against pgloader (the
 * Debian package) loading the same file into the same schema, migrated by Colloquy. pgloader
 * needs three casts to load this data correctly (16-byte ids to uuid, epoch milliseconds to
 * timestamptz, 0/1 to boolean); with them its result is then checked by {@code verify}, outside
 * its timing, so the baseline is known to have done the same work.
 */
final class CopyScenario {

    static final String SCENARIO = "copy-sqlite-to-postgres";

    private final Scale scale;
    private final BenchDatabases databases;
    private final Path colloquyJar;
    private final PrintStream log;

    CopyScenario(Scale scale, BenchDatabases databases, Path colloquyJar, PrintStream log) {
        this.scale = scale;
        this.databases = databases;
        this.colloquyJar = colloquyJar;
        this.log = log;
    }

    /** The pgloader on the PATH, if any. */
    static Optional<Path> pgloader() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, "pgloader");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    List<Measurement> run(Path scratch) throws Exception {
        var results = new ArrayList<Measurement>();
        Path export = BulkData.messagesFile(scratch, scale.bulkMessages());
        String source = QueryScenarios.load(databases, "sqlite", export, log);
        long rows = rows(source);
        Path sourceFile = Path.of(source.substring("sqlite:".length()));

        String target = databases.fresh("postgres");
        Path copyLog = scratch.resolve("copy.log");
        double seconds = timed(
                List.of(java(), "-jar", colloquyJar.toString(), "copy", "--from", source, "--to", target), copyLog);
        results.add(rows("colloquy", rows, seconds, 0));

        var pgloader = pgloader();
        if (pgloader.isEmpty()) {
            log.printf("  %-26s pgloader is not installed (Debian: apt-get install pgloader): no baseline%n", SCENARIO);
            return results;
        }
        String pgloaderTarget = databases.fresh("postgres");
        try (var database = Database.open(Scenarios.settings(pgloaderTarget))) {
            // the same schema, migrated by Colloquy; pgloader loads data only
        }
        Path lisp = scratch.resolve("epoch-ms.lisp");
        try (InputStream in = CopyScenario.class.getResourceAsStream("/pgloader/epoch-ms.lisp")) {
            Files.copy(in, lisp, StandardCopyOption.REPLACE_EXISTING);
        }
        Path command = scratch.resolve("copy.load");
        Files.writeString(
                command, loadCommand(withoutSearchColumn(sourceFile, scratch), pgloaderTarget), StandardCharsets.UTF_8);
        Path pgloaderLog = scratch.resolve("pgloader.log");
        double pgloaderSeconds = timed(
                List.of(pgloader.get().toString(), "--load-lisp-file", lisp.toString(), command.toString()),
                pgloaderLog);
        long loaded = rows(pgloaderTarget);
        if (loaded != rows) {
            throw new IllegalStateException("pgloader loaded " + loaded + " of " + rows + " rows; see its output:\n"
                    + Files.readString(pgloaderLog));
        }
        Path verifyLog = scratch.resolve("verify-pgloader.log");
        var verify = run(
                List.of(java(), "-jar", colloquyJar.toString(), "verify", "--from", source, "--to", pgloaderTarget),
                verifyLog);
        if (verify.code() == 0) {
            log.printf(
                    "  %-26s pgloader's result checked with verify: identical (%.1f s, not in its figure)%n",
                    SCENARIO, verify.seconds());
        } else {
            log.printf(
                    "  %-26s pgloader's result differs from the source (verify exited with %d):%n%s%n",
                    SCENARIO, verify.code(), Files.readString(verifyLog));
        }
        results.add(rows("pgloader", rows, pgloaderSeconds, verify.code() == 0 ? 0 : 1));
        return results;
    }

    /**
     * pgloader's command: data only into the migrated schema, foreign-key triggers off during the
     * load (pgloader's way to load tables in any order), the search index tables and the schema
     * history left out, and the casts this data needs.
     */
    static String loadCommand(Path sqliteFile, String postgresUrl) {
        URI uri = URI.create(postgresUrl);
        String target = "postgresql://" + uri.getRawAuthority() + uri.getRawPath();
        return """
                LOAD DATABASE
                     FROM sqlite://%s
                     INTO %s
                 WITH data only, disable triggers, workers = 2, concurrency = 1,
                      prefetch rows = 10000, batch rows = 10000
                 CAST type blob to uuid drop typemod using byte-vector-to-hexstring,
                      type timestamp to timestamptz using epoch-ms-to-timestamptz,
                      type boolean to boolean using int-to-boolean
                 EXCLUDING TABLE NAMES LIKE 'message_fts%%', 'conversation_fts%%', 'flyway_schema_history'
                ;
                """.formatted(sqliteFile.toAbsolutePath(), target);
    }

    /**
     * A copy of the SQLite file without {@code message.id_ceiling}, a column of SQLite's own search
     * index that PostgreSQL's schema does not have: pgloader leaves out whole tables (the FTS5
     * ones), never a column. Made before pgloader's time is taken.
     */
    static Path withoutSearchColumn(Path sqliteFile, Path scratch) throws SQLException {
        Path copy = scratch.resolve("pgloader-source.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
                Statement statement = connection.createStatement()) {
            statement.execute("VACUUM INTO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER message_id_ceiling");
            statement.execute("ALTER TABLE message DROP COLUMN id_ceiling");
        }
        return copy;
    }

    /** Rows in Colloquy's six tables. */
    private static long rows(String url) throws Exception {
        long rows = 0;
        try (var dataSources = RawJdbc.open(url);
                var connection = dataSources.reader().getConnection();
                var statement = connection.createStatement()) {
            for (Table table : Tables.ALL) {
                try (var result = statement.executeQuery("SELECT count(*) FROM " + table.name())) {
                    result.next();
                    rows += result.getLong(1);
                }
            }
        }
        return rows;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Run(int code, double seconds) {}

    private static Run run(List<String> command, Path output) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        int code = process.waitFor();
        return new Run(code, (System.nanoTime() - start) / 1e9);
    }

    /** Runs a command to its end; its output goes to {@code output}; fails unless it exits with 0. */
    private static double timed(List<String> command, Path output) throws IOException, InterruptedException {
        var run = run(command, output);
        if (run.code() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + "... exited with " + run.code() + ":\n" + Files.readString(output));
        }
        return run.seconds();
    }

    private Measurement rows(String subject, long rows, double seconds, long errors) {
        var measurement = new Measurement(
                SCENARIO, "postgres", subject, 1, rows, seconds, rows / seconds, 0, 0, 0, errors, "row");
        log.printf(
                "  %-26s %-9s %,10.0f rows/s (%,d rows in %.1f s)%n",
                SCENARIO, subject, measurement.throughput(), rows, seconds);
        return measurement;
    }
}
