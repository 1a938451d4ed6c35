package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The result of a tool call, carried by a tool message; every member may be null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolResult(
        String toolCallId,
        String toolName,
        String content,
        @JsonProperty("isError") Boolean isError) {}
