package dev.colloquy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.persistence.Database;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * What metrics and the access log cost an HTTP append. Two servers run side by side, each on a
 * fresh database of the same backend: one with {@code METRICS=off ACCESS_LOG=off}, one with the
 * defaults (both on; tracing is off in both, as it is without an OTLP endpoint). They are
 * measured in alternating short rounds (off, on, on, off, off, on, ...), so that whatever else
 * the machine does in the meantime falls on both alike; the figure is the median of the rounds'
 * ratios (on / off), with the rounds' spread beside it.
 */
final class TelemetryScenario {

    static final String SCENARIO = "telemetry-cost";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Scale scale;
    private final BenchDatabases databases;
    private final Path colloquyJar;
    private final PrintStream log;

    TelemetryScenario(Scale scale, BenchDatabases databases, Path colloquyJar, PrintStream log) {
        this.scale = scale;
        this.databases = databases;
        this.colloquyJar = colloquyJar;
        this.log = log;
    }

    /** One server and what it is measured with. */
    private record Subject(String name, ServerProcess server, Database database, UUID project) {}

    List<Measurement> run(String backend) throws Exception {
        var results = new ArrayList<Measurement>();
        String offUrl = databases.fresh(backend);
        String onUrl = databases.fresh(backend);
        Path offLog = Files.createTempFile("colloquy-bench-telemetry-off-", ".log");
        Path onLog = Files.createTempFile("colloquy-bench-telemetry-on-", ".log");
        byte[] body = ("{\"messages\":[{\"role\":\"user\",\"content\":"
                        + JSON.writeValueAsString(BenchData.sentence(new Random(1))) + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        try (var offServer = ServerProcess.start(
                        ServerProcess.Launch.JAVA_JAR,
                        colloquyJar,
                        offUrl,
                        offLog,
                        Map.of("METRICS", "off", "ACCESS_LOG", "off"));
                var onServer = ServerProcess.start(
                        ServerProcess.Launch.JAVA_JAR,
                        colloquyJar,
                        onUrl,
                        onLog,
                        Map.of("METRICS", "on", "ACCESS_LOG", "on"));
                var offDatabase = Database.open(Scenarios.settings(offUrl));
                var onDatabase = Database.open(Scenarios.settings(onUrl))) {
            var off = new Subject("metrics-and-access-log-off", offServer, offDatabase, project(offDatabase));
            var on = new Subject("metrics-and-access-log-on", onServer, onDatabase, project(onDatabase));
            for (int clients : new int[] {1, 16}) {
                results.addAll(alternate(backend, clients, body, off, on));
            }
        } finally {
            Files.deleteIfExists(offLog);
            Files.deleteIfExists(onLog);
        }
        return results;
    }

    private List<Measurement> alternate(String backend, int clients, byte[] body, Subject off, Subject on)
            throws Exception {
        var offLoad = new Target(off, clients, body);
        var onLoad = new Target(on, clients, body);
        try (offLoad;
                onLoad) {
            offLoad.round(scale.warmup(), Duration.ZERO);
            onLoad.round(scale.warmup(), Duration.ZERO);
            int rounds = rounds();
            var offTotal = new Latencies();
            var onTotal = new Latencies();
            double offSeconds = 0;
            double onSeconds = 0;
            long offErrors = 0;
            long onErrors = 0;
            double[] ratios = new double[rounds];
            var none = new Load.Warmup(Duration.ZERO, 0);
            for (int round = 0; round < rounds; round++) {
                // off, on | on, off | off, on ...: a drift during the run weighs on both alike
                boolean offFirst = round % 2 == 0;
                Load.Outcome first = (offFirst ? offLoad : onLoad).round(none, roundTime());
                Load.Outcome second = (offFirst ? onLoad : offLoad).round(none, roundTime());
                Load.Outcome offRound = offFirst ? first : second;
                Load.Outcome onRound = offFirst ? second : first;
                offTotal.addAll(offRound.latencies());
                onTotal.addAll(onRound.latencies());
                offSeconds += offRound.latencies().seconds();
                onSeconds += onRound.latencies().seconds();
                offErrors += offRound.errors();
                onErrors += onRound.errors();
                ratios[round] = throughput(onRound) / throughput(offRound);
            }
            offTotal.elapsed(offSeconds);
            onTotal.elapsed(onSeconds);
            Arrays.sort(ratios);
            double median = rounds % 2 == 1 ? ratios[rounds / 2] : (ratios[rounds / 2 - 1] + ratios[rounds / 2]) / 2;
            log.printf(
                    "  %-18s %-8s x%-2d on/off per round: median %.3f, from %.3f to %.3f over %d rounds%n",
                    SCENARIO, backend, clients, median, ratios[0], ratios[rounds - 1], rounds);
            var offMeasurement =
                    Measurement.throughput(SCENARIO, backend, off.name(), clients, offTotal, offErrors, "message");
            var onMeasurement =
                    Measurement.throughput(SCENARIO, backend, on.name(), clients, onTotal, onErrors, "message");
            var medianMeasurement = new Measurement(
                    SCENARIO, backend, "median-round-ratio", clients, rounds, 0, median, 0, 0, 0, 0, "ratio");
            for (var m : List.of(offMeasurement, onMeasurement)) {
                log.printf(
                        "  %-18s %-8s %-27s x%-2d %,10.0f message/s  p50 %.2f ms  p99 %.2f ms%n",
                        SCENARIO, backend, m.subject(), clients, m.throughput(), m.p50(), m.p99());
            }
            return List.of(offMeasurement, onMeasurement, medianMeasurement);
        }
    }

    /**
     * Rounds per concurrency: many short ones, because the machine's other load changes slowly:
     * the shorter a pair of rounds, the more alike its conditions, and the more pairs, the
     * steadier their median.
     */
    private int rounds() {
        return switch (scale.name()) {
            case "smoke" -> 2;
            case "small" -> 30;
            default -> 40;
        };
    }

    /** Half the scale's measuring time (2.5 s at small, 7.5 s at full). */
    private Duration roundTime() {
        return scale.measure().dividedBy(2);
    }

    private static double throughput(Load.Outcome outcome) {
        return outcome.latencies().count() / Math.max(outcome.latencies().seconds(), 1e-9);
    }

    private static UUID project(Database database) {
        return database.projects().findByName("default").orElseThrow().id();
    }

    /** The clients of one server, each appending to a conversation of its own over a kept-open connection. */
    private static final class Target implements AutoCloseable {

        private final List<HttpConnection> connections = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();
        private final byte[] body;
        private final int clients;

        Target(Subject subject, int clients, byte[] body) throws Exception {
            this.clients = clients;
            this.body = body;
            URI base = subject.server().uri();
            for (int i = 0; i < clients; i++) {
                connections.add(new HttpConnection(base));
                UUID conversation = subject.database()
                        .conversations()
                        .create(
                                subject.project(),
                                new NewConversation(Optional.of("telemetry " + i), null, List.of("bench")))
                        .id();
                paths.add("/v1/conversations/" + conversation + "/messages");
            }
        }

        Load.Outcome round(Load.Warmup warmup, Duration measure) {
            return Load.run(clients, warmup, measure, (thread, i) -> {
                int status = connections.get(thread).send("POST", paths.get(thread), Scenarios.ADMIN_TOKEN, body);
                if (status != 201) {
                    throw new IllegalStateException("status " + status);
                }
            });
        }

        @Override
        public void close() throws Exception {
            for (var connection : connections) {
                connection.close();
            }
        }
    }
}
