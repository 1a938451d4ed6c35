package dev.colloquy.persistence.config;

import java.time.Duration;

/**
 * Connection pool settings ({@code DB_POOL_*}); each backend supplies its defaults.
 *
 * @param maxSize most connections open at once
 * @param minIdle connections kept open while idle
 * @param connectTimeout how long a caller waits for a connection from the pool
 * @param maxLifetime how long a connection lives before the pool replaces it
 */
public record PoolSettings(int maxSize, int minIdle, Duration connectTimeout, Duration maxLifetime) {

    public static final String MAX_SIZE = "DB_POOL_MAX_SIZE";
    public static final String MIN_IDLE = "DB_POOL_MIN_IDLE";
    public static final String CONNECT_TIMEOUT = "DB_POOL_CONNECT_TIMEOUT";
    public static final String MAX_LIFETIME = "DB_POOL_MAX_LIFETIME";

    /** These defaults with whatever the settings override. */
    public PoolSettings overriddenBy(Settings settings) {
        int max = settings.integer(MAX_SIZE, maxSize, 1, 1000);
        int idle = settings.integer(MIN_IDLE, Math.min(minIdle, max), 0, 1000);
        if (idle > max) {
            throw new ConfigurationException(MIN_IDLE, "(" + idle + ") must not exceed " + MAX_SIZE + " (" + max + ")");
        }
        Duration connect = settings.duration(CONNECT_TIMEOUT, connectTimeout);
        if (connect.toMillis() < 250) {
            throw new ConfigurationException(CONNECT_TIMEOUT, "must be at least 250ms, was " + connect);
        }
        Duration lifetime = settings.duration(MAX_LIFETIME, maxLifetime);
        if (!lifetime.isZero() && lifetime.toSeconds() < 30) {
            throw new ConfigurationException(MAX_LIFETIME, "must be 0 (unlimited) or at least 30s, was " + lifetime);
        }
        return new PoolSettings(max, idle, connect, lifetime);
    }
}
