package dev.colloquy.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tool call an assistant message asks for.
 *
 * @param id the call's id, which the tool result answering it names (may be null)
 * @param type the kind of call, as the model gave it (for example {@code function}; may be null)
 * @param name the tool's name
 * @param arguments the arguments as the model wrote them, usually JSON text (kept as given; may be null)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(String id, String type, String name, String arguments) {}
