package dev.colloquy.bench;

/**
 * One figure of a run.
 *
 * @param scenario what was measured, for example {@code append-http}
 * @param backend {@code sqlite} or {@code postgres}
 * @param subject {@code colloquy}, or the baseline's name
 * @param concurrency clients or writers at once
 * @param operations operations completed while measuring
 * @param seconds how long the measurement ran
 * @param throughput operations per second
 * @param p50 median latency in milliseconds (0 where not measured)
 * @param p95 95th percentile in milliseconds
 * @param p99 99th percentile in milliseconds
 * @param errors operations that failed
 * @param unit what one operation is: {@code message}, {@code row}, {@code request}, {@code query}, {@code start}
 */
public record Measurement(
        String scenario,
        String backend,
        String subject,
        int concurrency,
        long operations,
        double seconds,
        double throughput,
        double p50,
        double p95,
        double p99,
        long errors,
        String unit) {

    static Measurement throughput(
            String scenario,
            String backend,
            String subject,
            int concurrency,
            Latencies latencies,
            long errors,
            String unit) {
        return new Measurement(
                scenario,
                backend,
                subject,
                concurrency,
                latencies.count(),
                latencies.seconds(),
                latencies.count() / Math.max(latencies.seconds(), 1e-9),
                latencies.percentile(50),
                latencies.percentile(95),
                latencies.percentile(99),
                errors,
                unit);
    }
}
