package dev.colloquy.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A range of the time messages were stored at: from {@code since} (inclusive) to {@code until}
 * (exclusive), either end open.
 */
public record TimeRange(Optional<Instant> since, Optional<Instant> until) {

    /** Every time. */
    public static final TimeRange ALL = new TimeRange(Optional.empty(), Optional.empty());

    public TimeRange since(Instant value) {
        return new TimeRange(Optional.of(value), until);
    }

    public TimeRange until(Instant value) {
        return new TimeRange(since, Optional.of(value));
    }
}
