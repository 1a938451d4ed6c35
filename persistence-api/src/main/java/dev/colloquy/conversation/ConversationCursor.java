package dev.colloquy.conversation;

import dev.colloquy.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Where a page of conversations ended: the last row's {@code updatedAt} and id, as an opaque string. */
public record ConversationCursor(Instant updatedAt, UUID id) {

    private static final String VERSION = "c1";

    public String encode() {
        String plain = VERSION + ":" + updatedAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static ConversationCursor decode(String field, String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", -1);
            if (parts.length == 3 && parts[0].equals(VERSION) && parts[2].length() == 36) {
                return new ConversationCursor(
                        Instant.ofEpochMilli(Long.parseLong(parts[1])), UUID.fromString(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the details of the decoding failure
        }
        throw new InvalidInputException(field, "is not a cursor returned by this listing; start again without one");
    }
}
