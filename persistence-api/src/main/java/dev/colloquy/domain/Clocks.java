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

    /** The first instant either database stores (and the export format, with its four-digit years). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The last instant either database stores, at millisecond precision. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /**
     * An instant given as input, cut to milliseconds, or {@link InvalidInputException} naming the
     * field when it lies outside years 1 to 9999: one range on both databases (a timestamp column
     * of one and an integer of the other would otherwise refuse or accept different ones).
     */
    public static Instant input(String field, Instant instant) {
        Instant truncated = truncate(instant);
        if (truncated.isBefore(EARLIEST) || truncated.isAfter(LATEST)) {
            throw new InvalidInputException(
                    field, "must lie between " + EARLIEST + " and " + LATEST + ", was " + instant);
        }
        return truncated;
    }
}
