package dev.colloquy.client;

import java.time.Duration;

/**
 * When the client tries a request again. Only requests safe to repeat are retried: reads ({@code
 * GET}), {@code PUT} and {@code DELETE} (the same request twice has the effect of once), and
 * writes sent with an idempotency key (the client sends one with every create, append and
 * replace; the server answers a repeat with the first answer). They are retried when the
 * connection fails or times out, and on 503; every request is retried on 429, which the server
 * answers before doing anything. Waits grow from {@code initialDelay}, doubling, up to {@code
 * maxDelay}, with jitter; a {@code Retry-After} the server sends is honoured when it is at most
 * {@code maxRetryAfter} (else the problem is thrown at once).
 *
 * @param maxAttempts attempts in all, at least 1 (1: never retry)
 * @param initialDelay the wait before the second attempt
 * @param maxDelay the longest wait between attempts the client chooses itself
 * @param maxRetryAfter the longest {@code Retry-After} the client waits for
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** 4 attempts, waits from 200 ms up to 5 s, {@code Retry-After} up to 30 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

    /** One attempt only. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** The wait before attempt {@code attempt + 1}, without {@code Retry-After}: doubling, capped, half of it random. */
    Duration backoff(int attempt, double random) {
        long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(base, 0), maxDelay.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random * (capped - capped / 2)));
    }
}
