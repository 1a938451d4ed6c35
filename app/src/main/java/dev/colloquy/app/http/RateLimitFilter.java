package dev.colloquy.app.http;

import dev.colloquy.app.config.ServerSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-token request rate limits ({@code RATE_LIMIT_PER_MINUTE}, {@code RATE_LIMIT_BURST}): a
 * token bucket per token, refilled continuously; a request finding it empty is answered 429 with
 * {@code Retry-After} before any work. The buckets live in this server's memory: with several
 * instances behind a load balancer, a token may make up to that many times the rate.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
@ApplicationScoped
public class RateLimitFilter implements ContainerRequestFilter {

    /** Buckets untouched this long are full again, and dropped when the map grows large. */
    private static final long IDLE_NANOS = Duration.ofMinutes(10).toNanos();

    private static final int SWEEP_ABOVE = 10_000;

    @Inject
    ServerSettings settings;

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        var limit = settings.rateLimit();
        if (!limit.enabled() || !(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
            return;
        }
        long now = System.nanoTime();
        long waitNanos = buckets.computeIfAbsent(caller.token().id(), id -> new Bucket(limit.burst(), now))
                .take(limit, now);
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            request.abortWith(Problem.TOO_MANY_REQUESTS.retryable(
                    "this token made more than its " + limit.perMinute() + " requests a minute (at most "
                            + limit.burst() + " at once); try again in " + seconds + " s",
                    Duration.ofSeconds(seconds)));
        }
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.idleSince(now) > IDLE_NANOS);
        }
    }

    /** The requests a token may still make, refilled by the time passed since the last one. */
    static final class Bucket {
        private double available;
        private long updated;

        Bucket(int burst, long now) {
            this.available = burst;
            this.updated = now;
        }

        /** Takes one request: 0 when allowed, else how long until one is available. */
        synchronized long take(ServerSettings.RateLimit limit, long now) {
            double perNano = limit.perMinute() / 60e9;
            available = Math.min(limit.burst(), available + (now - updated) * perNano);
            updated = now;
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - available) / perNano);
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}
