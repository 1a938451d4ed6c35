package dev.colloquy.bench;

import java.time.Duration;

/**
 * How big a run is. {@code full} is the size the benchmark figures are published at; {@code
 * smoke} only proves that every scenario runs and reports.
 *
 * @param measure how long each throughput measurement runs
 * @param warmup how long and for how many operations at least the same load runs unmeasured
 *     before it (the JIT of the server and of the harness compiles the hot paths)
 * @param bulkMessages messages in the bulk import and copy data sets
 * @param historyMessages messages in the conversation whose last 50 are read
 * @param lookups reads per latency measurement
 * @param latencyBudget the most time one latency measurement (and its warm-up) may take; a slow
 *     query then yields fewer reads, at least 10
 * @param listConversations conversations in the data set of the listing scenario
 * @param writers the concurrency levels of the concurrent-writer curve
 * @param startRuns how often the server is started to measure start-to-ready
 * @param semanticMessages messages in the data set of the semantic search scenario
 * @param embedSample messages the background indexer embeds for the embed-backlog scenario
 */
public record Scale(
        String name,
        Duration measure,
        Load.Warmup warmup,
        int bulkMessages,
        int historyMessages,
        int lookups,
        Duration latencyBudget,
        int listConversations,
        int[] writers,
        int startRuns,
        int semanticMessages,
        int embedSample) {

    public static Scale named(String name) {
        return switch (name) {
            case "smoke" ->
                new Scale(
                        "smoke",
                        Duration.ofMillis(500),
                        new Load.Warmup(Duration.ofMillis(100), 0),
                        2_000,
                        200,
                        50,
                        Duration.ofMillis(200),
                        300,
                        new int[] {1, 2},
                        1,
                        500,
                        100);
            case "small" ->
                new Scale(
                        "small",
                        Duration.ofSeconds(5),
                        new Load.Warmup(Duration.ofSeconds(5), 20_000),
                        100_000,
                        10_000,
                        2_000,
                        Duration.ofSeconds(4),
                        20_000,
                        new int[] {1, 2, 4, 8, 16, 32},
                        9,
                        20_000,
                        1_000);
            case "full" ->
                new Scale(
                        "full",
                        Duration.ofSeconds(15),
                        new Load.Warmup(Duration.ofSeconds(10), 40_000),
                        1_000_000,
                        10_000,
                        5_000,
                        Duration.ofSeconds(10),
                        100_000,
                        new int[] {1, 2, 4, 8, 16, 32},
                        15,
                        100_000,
                        5_000);
            default -> throw new IllegalArgumentException("--scale: '" + name + "' is not one of smoke, small, full");
        };
    }
}
