package dev.colloquy.semantic;

import java.util.UUID;

/**
 * A message claimed for embedding, with the text its vector is made of.
 *
 * @param id the message
 * @param text its searchable text (its content, or the text of its parts, tool calls and results)
 */
public record PendingMessage(UUID id, String text) {}
