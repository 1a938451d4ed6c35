package dev.colloquy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Ids;
import dev.colloquy.message.History;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.persistence.spi.Backends;
import dev.colloquy.persistence.spi.ColumnCodec;
import dev.colloquy.search.SearchText;
import dev.colloquy.transfer.Importer;
import dev.colloquy.transfer.Progress;
import dev.colloquy.transfer.Side;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The scenarios, each measured with its baselines in the same run, on one backend at a time. */
final class Scenarios {

    static final String ADMIN_TOKEN = "cq_bench-admin-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Scale scale;
    private final BenchDatabases databases;
    private final Path colloquyJar;
    private final PrintStream log;

    Scenarios(Scale scale, BenchDatabases databases, Path colloquyJar, PrintStream log) {
        this.scale = scale;
        this.databases = databases;
        this.colloquyJar = colloquyJar;
        this.log = log;
    }

    private static volatile String sqliteSynchronous = "full";

    /** The SQLITE_SYNCHRONOUS every in-process scenario opens its SQLite databases with. */
    static void sqliteSynchronous(String mode) {
        sqliteSynchronous = mode;
    }

    static DatabaseSettings settings(String url) {
        var values = new HashMap<String, String>();
        values.put("DATABASE_URL", url);
        if (url.startsWith("sqlite:")) {
            values.put("SQLITE_SYNCHRONOUS", sqliteSynchronous);
        }
        return DatabaseSettings.resolve(Settings.of(values), Backends.installed());
    }

    // ---------------------------------------------------------------- append, one message per call

    /**
     * One message per request over HTTP at 1 and 16 clients, to a server running as a process of
     * its own ({@code java -jar colloquy.jar serve}), against (a) an empty endpoint on the
     * same HTTP stack ({@code GET /health/live}, which asks the database nothing), (b) the store's
     * append in-process and (c) a raw JDBC insert of one row plus commit into the same schema.
     * Every client appends to a conversation of its own.
     */
    List<Measurement> append(String backend) throws Exception {
        String url = databases.fresh(backend);
        var results = new ArrayList<Measurement>();
        Path log = Files.createTempFile("colloquy-bench-server-", ".log");
        try (var server = ServerProcess.start(colloquyJar, url, log);
                var database = Database.open(settings(url))) {
            URI base = server.uri();
            var project =
                    database.projects().findByName("default").orElseThrow().id();
            byte[] body = ("{\"messages\":[{\"role\":\"user\",\"content\":"
                            + JSON.writeValueAsString(BenchData.sentence(new Random(1))) + "}]}")
                    .getBytes(StandardCharsets.UTF_8);
            for (int clients : new int[] {1, 16}) {
                var connections = connections(base, clients);
                try {
                    var ceiling = Load.run(clients, scale.warmup(), scale.measure(), (thread, i) -> {
                        int status = connections.get(thread).send("GET", "/health/live", null, null);
                        if (status != 200) {
                            throw new IllegalStateException("status " + status);
                        }
                    });
                    results.add(measure("append-http", backend, "empty-endpoint", clients, ceiling, "request"));

                    List<UUID> httpConversations = conversations(database, project, clients);
                    var http = Load.run(clients, scale.warmup(), scale.measure(), (thread, i) -> {
                        int status = connections
                                .get(thread)
                                .send(
                                        "POST",
                                        "/v1/conversations/" + httpConversations.get(thread) + "/messages",
                                        ADMIN_TOKEN,
                                        body);
                        if (status != 201) {
                            throw new IllegalStateException("status " + status);
                        }
                    });
                    results.add(measure("append-http", backend, "colloquy", clients, http, "message"));
                } finally {
                    for (var connection : connections) {
                        connection.close();
                    }
                }

                List<UUID> storeConversations = conversations(database, project, clients);
                String content = BenchData.sentence(new Random(1));
                var store = Load.run(
                        clients,
                        scale.warmup(),
                        scale.measure(),
                        (thread, i) -> database.messages()
                                .append(
                                        project,
                                        storeConversations.get(thread),
                                        List.of(NewMessage.of("user", content))));
                results.add(measure("append-http", backend, "store-in-process", clients, store, "message"));

                List<UUID> rawConversations = conversations(database, project, clients);
                results.add(measure(
                        "append-http",
                        backend,
                        "raw-jdbc",
                        clients,
                        rawInserts(url, rawConversations, content),
                        "message"));
            }
        }
        return results;
    }

    private Load.Outcome rawInserts(String url, List<UUID> conversations, String content) throws Exception {
        var codec = codec(url);
        var seqs = new AtomicInteger[conversations.size()];
        for (int t = 0; t < seqs.length; t++) {
            seqs[t] = new AtomicInteger(1_000_000);
        }
        String searchText = SearchText.normalize(content);
        try (var dataSources = RawJdbc.open(url)) {
            return Load.run(
                    conversations.size(),
                    scale.warmup(),
                    scale.measure(),
                    (thread, i) -> RawJdbc.inTransaction(dataSources.writer(), connection -> {
                        try (var statement = connection.prepareStatement(RawJdbc.INSERT_MESSAGE)) {
                            RawJdbc.bindMessage(
                                    statement,
                                    codec,
                                    Ids.next(),
                                    conversations.get(thread),
                                    seqs[thread].incrementAndGet(),
                                    content,
                                    searchText,
                                    now());
                            statement.executeUpdate();
                        }
                    }));
        }
    }

    private static List<HttpConnection> connections(URI base, int count) throws IOException {
        var connections = new ArrayList<HttpConnection>();
        for (int i = 0; i < count; i++) {
            connections.add(new HttpConnection(base));
        }
        return connections;
    }

    private static List<UUID> conversations(Database database, UUID project, int count) {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < count; i++) {
            ids.add(database.conversations()
                    .create(project, new NewConversation(Optional.of("bench " + i), null, List.of("bench")))
                    .id());
        }
        return ids;
    }

    private Measurement measure(
            String scenario, String backend, String subject, int concurrency, Load.Outcome outcome, String unit) {
        if (outcome.errors() > 0) {
            log.printf(
                    "  %s %s %s x%d: %d errors, the first: %s%n",
                    scenario, backend, subject, concurrency, outcome.errors(), outcome.firstError());
        }
        var measurement = Measurement.throughput(
                scenario, backend, subject, concurrency, outcome.latencies(), outcome.errors(), unit);
        log.printf(
                "  %-18s %-8s %-16s x%-2d %,10.0f %s/s  p50 %.2f ms  p99 %.2f ms%n",
                scenario,
                backend,
                subject,
                concurrency,
                measurement.throughput(),
                unit,
                measurement.p50(),
                measurement.p99());
        return measurement;
    }

    // ---------------------------------------------------------------- concurrent writers

    /** The store's append from 1 to 32 writers at once, each on its own conversation; errors counted. */
    List<Measurement> concurrentWriters(String backend) throws Exception {
        var results = new ArrayList<Measurement>();
        try (var database = Database.open(settings(databases.fresh(backend)))) {
            var project = database.projects().create("writers").id();
            String content = BenchData.sentence(new Random(2));
            for (int writers : scale.writers()) {
                List<UUID> conversations = conversations(database, project, writers);
                var outcome = Load.run(
                        writers,
                        scale.warmup(),
                        scale.measure(),
                        (thread, i) -> database.messages()
                                .append(project, conversations.get(thread), List.of(NewMessage.of("user", content))));
                results.add(measure("concurrent-writers", backend, "colloquy", writers, outcome, "message"));
            }
        }
        return results;
    }

    // ---------------------------------------------------------------- history

    /** The last 50 messages of a conversation holding {@code historyMessages}, against the raw query. */
    List<Measurement> history(String backend) throws Exception {
        String url = databases.fresh(backend);
        var results = new ArrayList<Measurement>();
        try (var database = Database.open(settings(url))) {
            var project = database.projects().create("history").id();
            var conversation = conversations(database, project, 1).get(0);
            var random = new Random(3);
            for (int done = 0; done < scale.historyMessages(); done += 1000) {
                var batch = new ArrayList<NewMessage>();
                for (int i = 0; i < Math.min(1000, scale.historyMessages() - done); i++) {
                    batch.add(NewMessage.of(i % 2 == 0 ? "user" : "assistant", BenchData.sentence(random)));
                }
                database.messages().append(project, conversation, batch);
            }
            var colloquy = Load.sequential(scale.lookups(), (t, i) -> {
                if (database.messages()
                                .history(project, conversation, History.last(50))
                                .size()
                        != 50) {
                    throw new IllegalStateException("expected 50 messages");
                }
            });
            results.add(latency("history-last-50", backend, "colloquy", colloquy));
            var codec = codec(url);
            try (var dataSources = RawJdbc.open(url);
                    var connection = dataSources.reader().getConnection();
                    var statement = connection.prepareStatement(RawJdbc.LAST_MESSAGES)) {
                var raw = Load.sequential(scale.lookups(), (t, i) -> {
                    codec.setId(statement, 1, conversation);
                    statement.setInt(2, 50);
                    if (RawJdbc.readMessages(statement, codec) != 50) {
                        throw new IllegalStateException("expected 50 messages");
                    }
                });
                results.add(latency("history-last-50", backend, "raw-jdbc", raw));
            }
        }
        return results;
    }

    private Measurement latency(String scenario, String backend, String subject, Latencies latencies) {
        var measurement = Measurement.throughput(scenario, backend, subject, 1, latencies, 0, "query");
        log.printf(
                "  %-18s %-8s %-16s     p50 %.3f ms  p95 %.3f ms  p99 %.3f ms%n",
                scenario, backend, subject, measurement.p50(), measurement.p95(), measurement.p99());
        return measurement;
    }

    private static ColumnCodec codec(String url) {
        return settings(url).backend().connections().columns();
    }

    // ---------------------------------------------------------------- bulk import

    /**
     * {@code bulkMessages} messages (in conversations of 100 on average) through {@code import} — the same code
     * {@code copy} writes with — against raw JDBC batched inserts (1000 rows per batch and commit)
     * of the same rows into the same schema, indexes and triggers included.
     */
    List<Measurement> bulk(String backend, Path scratch) throws Exception {
        var results = new ArrayList<Measurement>();
        Path export = BulkData.messagesFile(scratch, scale.bulkMessages());
        String url = databases.fresh(backend);
        try (var database = Database.open(settings(url));
                var reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            long start = System.nanoTime();
            var counts = new Importer(Side.of(database)).importFrom(reader, Progress.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows = counts.values().stream().mapToLong(Long::longValue).sum();
            results.add(rows("bulk-import", backend, "colloquy", rows, seconds));
        }
        String rawUrl = databases.fresh(backend);
        try (var database = Database.open(settings(rawUrl))) {
            // the schema, migrated as the application does; the rows then go in by hand
        }
        long start = System.nanoTime();
        long rows = BulkData.rawInsert(rawUrl, export, codec(rawUrl));
        results.add(rows("bulk-import", backend, "raw-jdbc-batched", rows, (System.nanoTime() - start) / 1e9));
        return results;
    }

    private Measurement rows(String scenario, String backend, String subject, long rows, double seconds) {
        var measurement =
                new Measurement(scenario, backend, subject, 1, rows, seconds, rows / seconds, 0, 0, 0, 0, "row");
        log.printf(
                "  %-18s %-8s %-16s %,10.0f rows/s (%,d rows in %.1f s)%n",
                scenario, backend, subject, measurement.throughput(), rows, seconds);
        return measurement;
    }

    // ---------------------------------------------------------------- start to ready

    /** {@code java -jar colloquy.jar serve} from launch to the first 200 of /health/ready. */
    /**
     * {@code serve} from process start to the first 200 of {@code /health/ready}: a first start on
     * a new database with {@code java -jar}, then {@code startRuns} restarts with {@code java -jar}
     * and as many through {@code bin/colloquy}; one figure per kind, percentiles over its runs.
     */
    List<Measurement> startToReady(String backend, Path scratch) throws Exception {
        var results = new ArrayList<Measurement>();
        String url = databases.fresh(backend);
        int[] run = {0};
        ServerStart start = launch -> {
            run[0]++;
            long began = System.nanoTime();
            try (var server = ServerProcess.start(
                            launch, colloquyJar, url, scratch.resolve("start-" + backend + "-" + run[0] + ".log"));
                    var connection = new HttpConnection(server.uri())) {
                while (connection.send("GET", "/health/ready", null, null) != 200) {
                    Thread.sleep(20);
                }
                return System.nanoTime() - began;
            }
        };
        var first = new Latencies();
        first.add(start.nanos(ServerProcess.Launch.JAVA_JAR));
        results.add(runs("start-to-ready", backend, "first-start", first));
        for (var launch : ServerProcess.Launch.values()) {
            var restarts = new Latencies();
            for (int i = 1; i <= scale.startRuns(); i++) {
                restarts.add(start.nanos(launch));
            }
            String subject = launch == ServerProcess.Launch.LAUNCHER ? "restart-launcher" : "restart";
            results.add(runs("start-to-ready", backend, subject, restarts));
        }
        return results;
    }

    private interface ServerStart {
        long nanos(ServerProcess.Launch launch) throws Exception;
    }

    /**
     * A short command, {@code token list} on a migrated database, from process start to exit:
     * {@code startRuns} times with {@code java -jar} and as many through {@code bin/colloquy}.
     */
    List<Measurement> cliStart(String backend, Path scratch) throws Exception {
        var results = new ArrayList<Measurement>();
        String url = databases.fresh(backend);
        exec(ServerProcess.Launch.JAVA_JAR.command(colloquyJar, "migrate", "--database-url", url), scratch);
        for (var launch : ServerProcess.Launch.values()) {
            var runs = new Latencies();
            for (int i = 1; i <= scale.startRuns(); i++) {
                long start = System.nanoTime();
                exec(launch.command(colloquyJar, "token", "list", "--database-url", url), scratch);
                runs.add(System.nanoTime() - start);
            }
            String subject = launch == ServerProcess.Launch.LAUNCHER ? "launcher" : "java-jar";
            results.add(runs("cli-start", backend, subject, runs));
        }
        return results;
    }

    private static void exec(ProcessBuilder command, Path scratch) throws Exception {
        Path output = scratch.resolve("cli.log");
        Process process = command.redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "the command " + command.command() + " failed: " + Files.readString(output));
        }
    }

    /** Runs of a start measured one after the other: percentiles over the runs, in milliseconds. */
    private Measurement runs(String scenario, String backend, String subject, Latencies runs) {
        runs.elapsed(runs.total() / 1e9);
        var measurement = Measurement.throughput(
                scenario, backend, subject, 1, runs, 0, scenario.equals("cli-start") ? "cli-start" : "start");
        log.printf(
                "  %-18s %-8s %-16s %d runs  p50 %.0f ms  p95 %.0f ms  max %.0f ms%n",
                scenario, backend, subject, runs.count(), measurement.p50(), measurement.p95(), runs.percentile(100));
        return measurement;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
