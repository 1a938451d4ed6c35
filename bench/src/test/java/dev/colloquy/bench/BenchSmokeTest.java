package dev.colloquy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The harness at its smallest, so it cannot rot: it runs every scenario and writes well-formed results. */
class BenchSmokeTest {

    @Test
    void everyScenarioRunsOnBothBackendsAndTheResultsAreWellFormed(@TempDir Path folder) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path results = folder.resolve("results");
        int code = new CommandLine(new BenchMain())
                .execute(
                        "--scale", "smoke",
                        "--results", results.toString(),
                        "--colloquy-jar", System.getProperty("colloquy.jar", "../app/target/colloquy.jar"));
        assertThat(code).isZero();

        List<String> csv = Files.readAllLines(results.resolve("measurements.csv"));
        assertThat(csv.get(0))
                .isEqualTo(
                        "scenario,backend,subject,concurrency,operations,seconds,throughput,p50_ms,p95_ms,p99_ms,errors,unit");
        for (String line : csv.subList(1, csv.size())) {
            String[] fields = line.split(",");
            assertThat(fields).as(line).hasSize(12);
            for (int i = 3; i <= 10; i++) {
                assertThat(Double.parseDouble(fields[i])).as(line).isGreaterThanOrEqualTo(0);
            }
            assertThat(Long.parseLong(fields[4])).as("operations of " + line).isPositive();
        }
        for (String backend : List.of("sqlite", "postgres")) {
            for (String scenario : List.of(
                    "append-http",
                    "telemetry-cost",
                    "concurrent-writers",
                    "history-last-50",
                    "bulk-import",
                    "embed-backlog",
                    "embed-model:16-pieces",
                    "embed-model:256-pieces",
                    "semantic-search:project",
                    "semantic-search:one-conversation",
                    "start-to-ready")) {
                assertThat(csv)
                        .as(scenario + " on " + backend)
                        .anyMatch(l -> l.startsWith(scenario + "," + backend + ","));
            }
            for (String subject : List.of("java-jar", "launcher")) {
                assertThat(csv).anyMatch(l -> l.startsWith("cli-start," + backend + "," + subject + ","));
            }
            assertThat(csv).anyMatch(l -> l.startsWith("start-to-ready," + backend + ",restart-launcher,"));
            for (var shape : QueryScenarios.searchShapes()) {
                for (String subject : List.of("colloquy", "raw-sql")) {
                    assertThat(csv)
                            .anyMatch(
                                    l -> l.startsWith("search:" + shape.name() + "," + backend + "," + subject + ","));
                }
            }
            for (var shape : QueryScenarios.listShapes()) {
                for (String subject : List.of("colloquy", "raw-sql")) {
                    assertThat(csv)
                            .anyMatch(l -> l.startsWith("list:" + shape.name() + "," + backend + "," + subject + ","));
                }
            }
            for (String subject : List.of("empty-endpoint", "colloquy", "store-in-process", "raw-jdbc")) {
                assertThat(csv).anyMatch(l -> l.startsWith("append-http," + backend + "," + subject + ",16,"));
            }
        }

        assertThat(csv).anyMatch(l -> l.startsWith(CopyScenario.SCENARIO + ",postgres,colloquy,"));
        // pgloader is the copy's baseline where it is installed (Debian's package); without it the
        // harness says so and measures only Colloquy's copy
        boolean pgloader = CopyScenario.pgloader().isPresent();
        assertThat(csv.stream().anyMatch(l -> l.startsWith(CopyScenario.SCENARIO + ",postgres,pgloader,")))
                .isEqualTo(pgloader);

        var json = new ObjectMapper().readTree(results.resolve("results.json").toFile());
        assertThat(json.get("measurements")).hasSize(csv.size() - 1);
        assertThat(json.get("ratios").size()).isGreaterThanOrEqualTo(10 + 2 * (10 + 6) + (pgloader ? 1 : 0));
        assertThat(json.get("environment").get("postgresql").asText()).contains("fsync=on", "synchronous_commit=on");
        assertThat(Files.readString(results.resolve("summary.md"))).contains("| scenario | backend |");
        var chart = ImageIO.read(results.resolve("writers.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(800);
    }
}
