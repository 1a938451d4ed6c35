package dev.colloquy.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The result of a tool call, carried by a {@code tool} message.
 *
 * @param toolCallId the id of the call it answers (may be null)
 * @param toolName the tool's name (may be null)
 * @param content what the tool returned, as text (searchable; may be null)
 * @param isError whether the tool failed (null when the client did not say)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolResult(
        String toolCallId,
        String toolName,
        String content,
        @JsonProperty("isError") Boolean isError) {}
