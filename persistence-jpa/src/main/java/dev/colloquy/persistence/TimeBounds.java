package dev.colloquy.persistence;

import dev.colloquy.domain.Clocks;
import dev.colloquy.domain.TimeRange;
import java.time.Instant;

/**
 * A {@link TimeRange} as the queries bind it: both ends checked ({@link Clocks#input}, naming
 * {@code since} or {@code until}) and an open end replaced by an instant no stored time reaches.
 */
record TimeBounds(Instant since, Instant until) {

    static final Instant NO_LOWER_BOUND = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant NO_UPPER_BOUND = Instant.parse("9999-12-31T00:00:00Z");

    static TimeBounds of(TimeRange range) {
        return new TimeBounds(
                range.since().map(instant -> Clocks.input("since", instant)).orElse(NO_LOWER_BOUND),
                range.until().map(instant -> Clocks.input("until", instant)).orElse(NO_UPPER_BOUND));
    }
}
