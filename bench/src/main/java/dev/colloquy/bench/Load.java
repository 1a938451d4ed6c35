package dev.colloquy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one operation from N threads for a warm-up, then for the measured time, recording every
 * latency. The measurement goes on past its time until at least {@link #MIN_OPERATIONS} have
 * completed, so that a slow operation still yields a figure; the elapsed time is then the real one.
 */
final class Load {

    @FunctionalInterface
    interface Operation {
        void run(int thread, long iteration) throws Exception;
    }

    record Outcome(Latencies latencies, long errors, String firstError) {}

    static final int MIN_OPERATIONS = 10;

    private Load() {}

    static Outcome run(int threads, Duration warmup, Duration measure, Operation operation) {
        var latencies = new Latencies();
        var errors = new AtomicLong();
        var firstError = new java.util.concurrent.atomic.AtomicReference<String>();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
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
                                    if (before >= measureFrom && (after <= end || completed.get() < MIN_OPERATIONS)) {
                                        mine.add(after - before);
                                        completed.incrementAndGet();
                                        lastFinish.accumulateAndGet(after, Math::max);
                                    }
                                } catch (Exception e) {
                                    if (before >= measureFrom) {
                                        errors.incrementAndGet();
                                    }
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

    /** Times {@code count} calls one after another (for latencies of reads), after {@code count / 5} unmeasured ones. */
    static Latencies sequential(int count, Operation operation) throws Exception {
        for (int i = 0; i < Math.max(1, count / 5); i++) {
            operation.run(0, i);
        }
        var latencies = new Latencies();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long before = System.nanoTime();
            operation.run(0, i);
            latencies.add(System.nanoTime() - before);
        }
        latencies.elapsed((System.nanoTime() - start) / 1e9);
        return latencies;
    }
}
