package dev.colloquy.it;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, unless the calling thread pinned it to an instant. Pinning is per thread, so
 * tests that pin time never disturb concurrent writers on other threads.
 */
public final class TestClock extends Clock {

    private final ThreadLocal<Instant> pinned = new ThreadLocal<>();

    /** Pins this thread's time until the returned handle is closed. */
    public Pin pin(Instant instant) {
        Instant previous = pinned.get();
        pinned.set(instant);
        return () -> pinned.set(previous);
    }

    @FunctionalInterface
    public interface Pin extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }

    @Override
    public Instant instant() {
        Instant instant = pinned.get();
        return instant != null ? instant : Instant.now();
    }
}
