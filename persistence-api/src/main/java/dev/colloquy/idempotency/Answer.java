package dev.colloquy.idempotency;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The answer to an idempotent write, as it is kept for the key's lifetime and given again to
 * every retry.
 *
 * @param conversationId the conversation the write created or changed; the answer goes when it does
 * @param status the HTTP status of the first answer
 * @param location its {@code Location}, if it had one
 * @param body its body, JSON text
 * @param replayed whether this is a repeat of an answer given before rather than the first one
 */
public record Answer(UUID conversationId, int status, Optional<String> location, String body, boolean replayed) {

    public Answer {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(body, "body");
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("only a success is kept, not status " + status);
        }
    }

    /** A first answer. */
    public static Answer of(UUID conversationId, int status, Optional<String> location, String body) {
        return new Answer(conversationId, status, location, body, false);
    }
}
