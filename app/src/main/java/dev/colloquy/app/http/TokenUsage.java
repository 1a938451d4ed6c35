package dev.colloquy.app.http;

import dev.colloquy.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers when each token was last used and writes it in one batch now and then (every 30 s
 * and at shutdown) instead of one write per request.
 */
@ApplicationScoped
public class TokenUsage {

    private static final Logger LOG = LoggerFactory.getLogger(TokenUsage.class);

    private final ConcurrentHashMap<UUID, Instant> pending = new ConcurrentHashMap<>();

    @Inject
    Database database;

    public void used(UUID tokenId, Instant at) {
        pending.merge(tokenId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        var batch = new HashMap<UUID, Instant>();
        for (UUID id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            database.tokens().recordUse(batch);
        } catch (RuntimeException e) {
            LOG.warn("Could not record token use ({} tokens), will try again: {}", batch.size(), e.getMessage());
            batch.forEach(this::used);
        }
    }
}
