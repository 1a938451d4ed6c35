package dev.colloquy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one operation from N threads for a warm-up, then for the measured time, recording every
 * latency. The warm-up lasts until both its time and its number of operations are reached (the
 * JIT compiles a request's path only after some thousands of calls; a time alone is too short
 * for a slow operation), at most {@link #WARMUP_LIMIT}. The measurement goes on past its time
 * until at least {@link #MIN_OPERATIONS} have completed, so that a slow operation still yields a
 * figure; the elapsed time is then the real one.
 */
final class Load {

    @FunctionalInterface
    interface Operation {
        void run(int thread, long iteration) throws Exception;
    }

    record Outcome(Latencies latencies, long errors, String firstError) {}

    static final int MIN_OPERATIONS = 10;
    static final Duration WARMUP_LIMIT = Duration.ofMinutes(3);

    /** Warm up for at least {@code time} and at least {@code operations} calls, whichever comes later. */
    record Warmup(Duration time, long operations) {}

    private Load() {}

    static Outcome run(int threads, Warmup warmup, Duration measure, Operation operation) {
        var firstError = new AtomicReference<String>();
        warmUp(threads, warmup, operation, firstError);
        var latencies = new Latencies();
        var errors = new AtomicLong();
        long measureFrom = System.nanoTime();
        long end = measureFrom + measure.toNanos();
        var done = new CountDownLatch(threads);
        var completed = new AtomicLong();
        long giveUp = end + Duration.ofSeconds(60).toNanos();
        var lastFinish = new AtomicLong(end);
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            var worker = new Thread(
                    () -> {
                        var mine = new Latencies();
                        long iteration = 0;
                        try {
                            while (true) {
                                long before = System.nanoTime();
                                if (before >= end && (completed.get() >= MIN_OPERATIONS || before >= giveUp)) {
                                    break;
                                }
                                try {
                                    operation.run(thread, iteration++);
                                    long after = System.nanoTime();
                                    if (after <= end || completed.get() < MIN_OPERATIONS) {
                                        mine.add(after - before);
                                        completed.incrementAndGet();
                                        lastFinish.accumulateAndGet(after, Math::max);
                                    }
                                } catch (Exception e) {
                                    errors.incrementAndGet();
                                    firstError.compareAndSet(null, e.toString());
                                }
                            }
                        } finally {
                            latencies.addAll(mine);
                            done.countDown();
                        }
                    },
                    "bench-" + thread);
            workers.add(worker);
            worker.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        }
        latencies.elapsed((lastFinish.get() - measureFrom) / 1e9);
        return new Outcome(latencies, errors.get(), firstError.get());
    }

    private static void warmUp(int threads, Warmup warmup, Operation operation, AtomicReference<String> firstError) {
        long start = System.nanoTime();
        long minimumEnd = start + warmup.time().toNanos();
        long limit = minimumEnd + WARMUP_LIMIT.toNanos();
        var calls = new AtomicLong();
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            var worker = new Thread(
                    () -> {
                        long iteration = -1;
                        while (true) {
                            long now = System.nanoTime();
                            if (now >= limit || (now >= minimumEnd && calls.get() >= warmup.operations())) {
                                return;
                            }
                            try {
                                operation.run(thread, iteration--);
                            } catch (Exception e) {
                                firstError.compareAndSet(null, e.toString());
                            }
                            calls.incrementAndGet();
                        }
                    },
                    "bench-warmup-" + thread);
            workers.add(worker);
            worker.start();
        }
        for (var worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while warming up", e);
            }
        }
    }

    /** Times {@code count} calls one after another (for latencies of reads), after {@code count / 5} unmeasured ones. */
    static Latencies sequential(int count, Operation operation) throws Exception {
        return sequential(count, Duration.ofDays(1), operation);
    }

    /**
     * Times {@code count} calls one after another, after {@code count / 5} unmeasured ones, but
     * stops each phase once it has taken {@code budget} (and at least {@link #MIN_OPERATIONS}
     * calls were timed), so that a slow query still yields a figure in bounded time.
     */
    static Latencies sequential(int count, Duration budget, Operation operation) throws Exception {
        long warmupEnd = System.nanoTime() + budget.toNanos();
        for (int i = 0; i < Math.max(1, count / 5) && System.nanoTime() < warmupEnd; i++) {
            operation.run(0, i);
        }
        var latencies = new Latencies();
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        for (int i = 0; i < count && (i < MIN_OPERATIONS || System.nanoTime() < end); i++) {
            long before = System.nanoTime();
            operation.run(0, i);
            latencies.add(System.nanoTime() - before);
        }
        latencies.elapsed((System.nanoTime() - start) / 1e9);
        return latencies;
    }
}
