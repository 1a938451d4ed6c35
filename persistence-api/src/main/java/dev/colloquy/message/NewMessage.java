package dev.colloquy.message;

import dev.colloquy.domain.Metadata;

/**
 * A message to store. The role is given as text and checked by the store, so an unknown role is a
 * validation error like any other. The content may be null only when the extras carry parts, tool
 * calls or tool results.
 */
public record NewMessage(String role, String content, Metadata metadata, MessageExtras extras) {

    public NewMessage {
        metadata = metadata == null ? Metadata.EMPTY : metadata;
        extras = extras == null ? MessageExtras.EMPTY : extras;
    }

    public NewMessage(String role, String content, Metadata metadata) {
        this(role, content, metadata, MessageExtras.EMPTY);
    }

    public static NewMessage of(String role, String content) {
        return new NewMessage(role, content, Metadata.EMPTY);
    }
}
