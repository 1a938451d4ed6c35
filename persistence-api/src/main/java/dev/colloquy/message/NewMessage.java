package dev.colloquy.message;

import dev.colloquy.domain.Metadata;

/**
 * A message to store. The role is given as text and checked by the store, so an unknown role is a
 * validation error like any other.
 */
public record NewMessage(String role, String content, Metadata metadata) {

    public NewMessage {
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    public static NewMessage of(String role, String content) {
        return new NewMessage(role, content, Metadata.EMPTY);
    }
}
