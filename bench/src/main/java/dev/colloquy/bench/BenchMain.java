package dev.colloquy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "colloquy-bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures Colloquy on SQLite and on PostgreSQL, each scenario with its baselines in the same run,"
                    + " and writes measurements.csv, results.json, summary.md and writers.png."
        })
public final class BenchMain implements Callable<Integer> {

    static final List<String> SCENARIOS = List.of(
            "append",
            "telemetry",
            "writers",
            "history",
            "search",
            "list",
            "semantic",
            "bulk",
            "copy",
            "start",
            "cli-start");

    @Option(names = "--scale", paramLabel = "NAME", description = "smoke, small or full [full]")
    String scale = "full";

    @Option(
            names = "--backends",
            split = ",",
            paramLabel = "NAME",
            description = "sqlite and/or postgres [sqlite,postgres]")
    List<String> backends = List.of("sqlite", "postgres");

    @Option(
            names = "--scenarios",
            split = ",",
            paramLabel = "NAME",
            description =
                    "any of append, telemetry, writers, history, search, list, semantic, bulk, copy, start, cli-start [all]")
    List<String> scenarios = SCENARIOS;

    @Option(
            names = "--results",
            paramLabel = "FOLDER",
            description = "where to write the results [bench/results/<date>-<scale>]")
    Path results;

    @Option(
            names = "--postgres-url",
            paramLabel = "URL",
            description = "a PostgreSQL server to measure (postgres://USER:PASSWORD@HOST:PORT/postgres, a user that may"
                    + " create databases; fsync and synchronous_commit must be on); default: an embedded one")
    String postgresUrl;

    @Option(
            names = "--sqlite-synchronous",
            paramLabel = "MODE",
            description = "SQLITE_SYNCHRONOUS for the in-process scenarios: full or normal [full, Colloquy's default]")
    String sqliteSynchronous = "full";

    @Option(
            names = "--colloquy-jar",
            paramLabel = "FILE",
            description = "the runnable JAR for the start-to-ready scenario [app/target/colloquy.jar]")
    Path colloquyJar = Path.of("app/target/colloquy.jar");

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // the harness's quiet logging, not the application's (both are on the class path)
        System.setProperty("logback.configurationFile", "logback-bench.xml");
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        var size = Scale.named(scale);
        Scenarios.sqliteSynchronous(sqliteSynchronous);
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--scenarios: unknown '" + scenario + "'; expected " + SCENARIOS);
            }
        }
        if (results == null) {
            results = Path.of(
                    "bench",
                    "results",
                    LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + "-" + scale);
        }
        Path scratch = Files.createTempDirectory("colloquy-bench-");
        var log = System.out;
        var all = new ArrayList<Measurement>();
        var environment = new LinkedHashMap<String, String>();
        try (var databases = new BenchDatabases(scratch, postgresUrl)) {
            var run = new Scenarios(size, databases, colloquyJar, log);
            var queries = new QueryScenarios(size, databases, log);
            var semantic = new SemanticScenarios(size, databases, log);
            for (String backend : backends) {
                log.println("== " + backend);
                if (scenarios.contains("append")) {
                    all.addAll(run.append(backend));
                }
                if (scenarios.contains("telemetry")) {
                    all.addAll(new TelemetryScenario(size, databases, colloquyJar, log).run(backend));
                }
                if (scenarios.contains("writers")) {
                    all.addAll(run.concurrentWriters(backend));
                }
                if (scenarios.contains("history")) {
                    all.addAll(run.history(backend));
                }
                if (scenarios.contains("search")) {
                    all.addAll(queries.search(backend, scratch));
                }
                if (scenarios.contains("list")) {
                    all.addAll(queries.list(backend, scratch));
                }
                if (scenarios.contains("semantic")) {
                    all.addAll(semantic.run(backend, scratch));
                }
                if (scenarios.contains("bulk")) {
                    all.addAll(run.bulk(backend, scratch));
                }
                if (scenarios.contains("start")) {
                    all.addAll(run.startToReady(backend, scratch));
                }
                if (scenarios.contains("cli-start")) {
                    all.addAll(run.cliStart(backend, scratch));
                }
            }
            if (scenarios.contains("copy") && backends.containsAll(List.of("sqlite", "postgres"))) {
                log.println("== sqlite -> postgres");
                all.addAll(new CopyScenario(size, databases, colloquyJar, log).run(scratch));
            }
            environment.putAll(environment(size, databases, backends, sqliteSynchronous));
        } finally {
            deleteQuietly(scratch);
        }
        Results.write(results, environment, all);
        log.println("Results in " + results.toAbsolutePath().normalize());
        Results.ratios(all).stream()
                .filter(Results.Ratio::poor)
                .forEach(r -> log.printf(
                        "  below target: %s %s x%d %s = %.2f (target %.2f)%n",
                        r.scenario(), r.backend(), r.concurrency(), r.measure(), r.value(), r.target()));
        return 0;
    }

    static Map<String, String> environment(
            Scale size, BenchDatabases databases, List<String> backends, String sqliteSynchronous) {
        var environment = new LinkedHashMap<String, String>();
        var runtime = Runtime.getRuntime();
        environment.put(
                "scale",
                size.name() + " (measure " + size.measure().toMillis() + " ms after "
                        + size.warmup().time().toMillis() + " ms and at least "
                        + size.warmup().operations()
                        + " operations of warm-up; bulk and search " + size.bulkMessages() + " messages; history "
                        + size.historyMessages() + " messages; list " + size.listConversations()
                        + " conversations; at most " + size.latencyBudget().toMillis()
                        + " ms per latency measurement)");
        environment.put("backends", String.join(", ", backends));
        environment.put("cpus", Integer.toString(runtime.availableProcessors()));
        environment.put("max heap", runtime.maxMemory() / (1024 * 1024) + " MiB");
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        environment.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        environment.put("postgresql", databases.postgresDescription());
        environment.put(
                "pgloader", CopyScenario.pgloader().map(BenchMain::version).orElse("not installed"));
        environment.put(
                "sqlite",
                "file in " + System.getProperty("java.io.tmpdir") + " (WAL, SQLITE_SYNCHRONOUS=" + sqliteSynchronous
                        + ")");
        return environment;
    }

    private static String version(Path program) {
        try {
            var process = new ProcessBuilder(program.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return program + ": " + text.strip().replace('\n', ';');
        } catch (IOException e) {
            return program + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return program.toString();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it
        }
    }
}
