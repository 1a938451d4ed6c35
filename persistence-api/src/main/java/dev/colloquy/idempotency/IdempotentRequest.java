package dev.colloquy.idempotency;

import dev.colloquy.domain.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/**
 * A write sent with an {@code Idempotency-Key}: the token that sent it, the key, and the
 * request's fingerprint (method, target and body, hashed), which tells a retry of the same request
 * from new work under a reused key.
 *
 * @param tokenId the token the request was made with; keys are per token
 * @param key the key, 1 to {@value #MAX_KEY_LENGTH} visible ASCII characters
 * @param fingerprint what identifies the request itself (the HTTP layer hashes it), at most
 *     {@value #MAX_FINGERPRINT_LENGTH} characters
 */
public record IdempotentRequest(UUID tokenId, String key, String fingerprint) {

    public static final int MAX_KEY_LENGTH = 255;
    public static final int MAX_FINGERPRINT_LENGTH = 128;

    public IdempotentRequest {
        Objects.requireNonNull(tokenId, "tokenId");
        key = checkKey(key);
        if (fingerprint == null || fingerprint.isEmpty() || fingerprint.length() > MAX_FINGERPRINT_LENGTH) {
            throw new IllegalArgumentException("a fingerprint has 1 to " + MAX_FINGERPRINT_LENGTH + " characters");
        }
    }

    /** The key as given, if it is one: 1 to 255 characters from '!' to '~' (visible ASCII, no space). */
    public static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException(
                    "Idempotency-Key",
                    "must have 1 to " + MAX_KEY_LENGTH + " characters, had " + (key == null ? 0 : key.length()));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '!' || c > '~') {
                throw new InvalidInputException(
                        "Idempotency-Key",
                        "may hold only visible ASCII characters ('!' to '~'); character " + (i + 1) + " is not one");
            }
        }
        return key;
    }
}
