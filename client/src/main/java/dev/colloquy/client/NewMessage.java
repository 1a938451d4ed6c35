package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A message to store. {@code content} may be null only when the message has parts, tool calls or
 * tool results; lists and metadata may be null or empty for none.
 */
public record NewMessage(
        Role role,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name,
        String content,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ContentPart> parts,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolResult> toolResults,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> metadata) {

    public NewMessage {
        parts = parts == null ? List.of() : List.copyOf(parts);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        toolResults = toolResults == null ? List.of() : List.copyOf(toolResults);
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A plain text message. */
    public static NewMessage of(Role role, String content) {
        return new NewMessage(role, null, content, null, null, null, null);
    }

    public static NewMessage system(String content) {
        return of(Role.SYSTEM, content);
    }

    public static NewMessage user(String content) {
        return of(Role.USER, content);
    }

    public static NewMessage assistant(String content) {
        return of(Role.ASSISTANT, content);
    }

    /** The same message with this metadata. */
    public NewMessage withMetadata(Map<String, Object> value) {
        return new NewMessage(role, name, content, parts, toolCalls, toolResults, value);
    }
}
