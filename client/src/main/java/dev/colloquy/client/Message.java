package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stored message. {@code content} is null for a message without text (not the same as an empty
 * text); {@code name} is null when it has none; the lists are empty when it has none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(
        UUID id,
        UUID conversationId,
        int seq,
        Role role,
        String name,
        String content,
        List<ContentPart> parts,
        List<ToolCall> toolCalls,
        List<ToolResult> toolResults,
        Map<String, Object> metadata,
        Instant createdAt) {

    public Message {
        parts = parts == null ? List.of() : List.copyOf(parts);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        toolResults = toolResults == null ? List.of() : List.copyOf(toolResults);
        metadata = metadata == null ? Map.of() : metadata;
    }
}
