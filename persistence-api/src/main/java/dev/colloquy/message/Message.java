package dev.colloquy.message;

import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored message; {@code seq} is 1, 2, 3… within its conversation.
 *
 * @param content the message's text; null for a message without text (one that has parts, tool
 *     calls or tool results instead), which is not the same as an empty text
 * @param extras its name, content parts, tool calls and tool results
 */
public record Message(
        UUID id,
        UUID conversationId,
        int seq,
        Role role,
        String content,
        Metadata metadata,
        Instant createdAt,
        MessageExtras extras) {

    public Message {
        extras = extras == null ? MessageExtras.EMPTY : extras;
    }

    /** The text search reads and snippets are cut from: see {@link MessageExtras#searchable}. */
    public String searchableText() {
        return extras.searchable(content);
    }
}
