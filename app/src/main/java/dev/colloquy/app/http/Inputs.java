package dev.colloquy.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.message.ContentPart;
import dev.colloquy.message.ToolCall;
import dev.colloquy.message.ToolResult;
import java.time.Instant;
import java.util.List;

/** The JSON shapes the API accepts. Unknown fields are rejected. */
public final class Inputs {

    private Inputs() {}

    public record ConversationInput(String key, String title, JsonNode metadata, List<String> tags) {}

    public record MessageInput(
            String role,
            String name,
            String content,
            List<ContentPart> parts,
            List<ToolCall> toolCalls,
            List<ToolResult> toolResults,
            JsonNode metadata) {}

    public record MessagesInput(List<MessageInput> messages) {}

    public record ProjectInput(String name, Boolean semanticSearch) {}

    public record TokenInput(String name, Boolean admin, Instant expiresAt) {}
}
