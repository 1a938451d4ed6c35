package dev.colloquy.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7), assigned by the application so that both databases
 * store the same ids and neither needs a sequence. Ids from one process are strictly increasing:
 * within one millisecond the 12-bit {@code rand_a} field counts up, and when it overflows the
 * timestamp field borrows the next millisecond.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object LOCK = new Object();
    private static long lastMillis = -1;
    private static int counter;

    private Ids() {}

    public static UUID next() {
        return next(Clock.systemUTC());
    }

    static UUID next(Clock clock) {
        long millis;
        int sequence;
        synchronized (LOCK) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = RANDOM.nextInt(1 << 11); // leaves room to count up within the millisecond
            } else if (++counter >= 1 << 12) {
                lastMillis++;
                counter = 0;
            }
            millis = lastMillis;
            sequence = counter;
        }
        long msb = (millis << 16) | (0x7L << 12) | sequence;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** Orders UUIDs as both databases do: by their 16 bytes, unsigned. */
    public static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** Parses an id given by a user, or fails with a validation error naming the field. */
    public static UUID parse(String field, String text) {
        if (text == null || text.length() != 36) {
            throw new InvalidInputException(field, "'" + Text.abbreviate(text) + "' is not a UUID");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + Text.abbreviate(text) + "' is not a UUID");
        }
    }
}
