package dev.colloquy.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as both databases store them: UTC, millisecond precision. */
public final class Clocks {

    private Clocks() {}

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
