package dev.colloquy.bench;

import java.util.Arrays;

/** Latencies of one measurement, kept whole (sorted once) so percentiles are exact. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;
    private double seconds;

    synchronized void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    synchronized void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    void elapsed(double value) {
        this.seconds = value;
    }

    double seconds() {
        return seconds;
    }

    /** The sum of every latency, in nanoseconds. */
    synchronized long total() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return sum;
    }

    synchronized int count() {
        return count;
    }

    /** The latency at or below which {@code p} percent fall, in milliseconds; 0 without any. */
    synchronized double percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1e6;
    }
}
