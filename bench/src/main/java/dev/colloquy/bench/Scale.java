package dev.colloquy.bench;

import java.time.Duration;

/**
 * How big a run is. {@code full} is the size the benchmark figures are published at; {@code
 * smoke} only proves that every scenario runs and reports.
 *
 * @param measure how long each throughput measurement runs
 * @param warmup how long the same load runs unmeasured before it (a server's JIT warms up)
 * @param bulkMessages messages in the bulk import and copy data sets
 * @param historyMessages messages in the conversation whose last 50 are read
 * @param lookups reads per latency measurement
 * @param writers the concurrency levels of the concurrent-writer curve
 * @param startRuns how often the server is started to measure start-to-ready
 */
public record Scale(
        String name,
        Duration measure,
        Duration warmup,
        int bulkMessages,
        int historyMessages,
        int lookups,
        int[] writers,
        int startRuns) {

    public static Scale named(String name) {
        return switch (name) {
            case "smoke" ->
                new Scale("smoke", Duration.ofMillis(500), Duration.ofMillis(100), 2_000, 200, 50, new int[] {1, 2}, 1);
            case "small" ->
                new Scale(
                        "small",
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        100_000,
                        10_000,
                        2_000,
                        new int[] {1, 2, 4, 8, 16, 32},
                        2);
            case "full" ->
                new Scale(
                        "full",
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(10),
                        1_000_000,
                        10_000,
                        5_000,
                        new int[] {1, 2, 4, 8, 16, 32},
                        3);
            default -> throw new IllegalArgumentException("--scale: '" + name + "' is not one of smoke, small, full");
        };
    }
}
