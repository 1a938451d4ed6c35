package dev.colloquy.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Function;

/** Colloquy's MCP servers: the same tools and resources over stdio and over stateless HTTP. */
public final class ColloquyMcp {

    /** The name the server gives itself to clients. */
    public static final String NAME = "colloquy";

    /** The most time one tool call may take before the client is told it failed. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    static final String INSTRUCTIONS = "Colloquy is this agent's conversation memory. search_memory finds past"
            + " messages by words; recall reads the latest messages of a conversation by its key; remember"
            + " appends messages to a conversation by its key; list_conversations browses them. Transcripts are"
            + " resources at colloquy://conversations/{id} and colloquy://keys/{key}.";

    /** Tools and resources, whose lists never change while a server runs (no subscriptions). */
    static final McpSchema.ServerCapabilities CAPABILITIES = McpSchema.ServerCapabilities.builder()
            .tools(false)
            .resources(false, false)
            .build();

    private ColloquyMcp() {}

    /** The JSON mapper the SDK writes and reads protocol messages with. */
    public static McpJsonMapper jsonMapper() {
        return new JacksonMcpJsonMapper(MemoryTools.JSON);
    }

    /**
     * A server speaking MCP over {@code in} and {@code out} (newline-delimited JSON-RPC) against one
     * memory; it serves until {@code in} ends.
     */
    public static McpSyncServer stdio(Memory memory, InputStream in, OutputStream out, String version) {
        var transport = new StdioServerTransportProvider(jsonMapper(), in, out);
        var server = McpServer.sync(transport)
                .serverInfo(NAME, version)
                .instructions(INSTRUCTIONS)
                .requestTimeout(REQUEST_TIMEOUT)
                .jsonMapper(jsonMapper())
                .jsonSchemaValidator(new OwnArgumentChecks())
                .capabilities(CAPABILITIES);
        server.tools(MemoryTools.tools().stream()
                .map(tool -> McpServerFeatures.SyncToolSpecification.builder()
                        .tool(tool)
                        .callHandler((exchange, request) -> MemoryTools.call(memory, request))
                        .build())
                .toList());
        server.resourceTemplates(MemoryTools.resourceTemplates().stream()
                .map(template -> new McpServerFeatures.SyncResourceTemplateSpecification(
                        template, (exchange, request) -> read(memory, request.uri())))
                .toList());
        return server.build();
    }

    /**
     * A stateless server on {@code transport}, each request against the memory of the caller its
     * transport context names.
     */
    public static McpStatelessSyncServer stateless(
            McpStatelessServerTransport transport, Function<McpTransportContext, Memory> memories, String version) {
        var server = McpServer.sync(transport)
                .serverInfo(NAME, version)
                .instructions(INSTRUCTIONS)
                .requestTimeout(REQUEST_TIMEOUT)
                .jsonMapper(jsonMapper())
                .jsonSchemaValidator(new OwnArgumentChecks())
                .capabilities(CAPABILITIES);
        server.tools(MemoryTools.tools().stream()
                .map(tool -> McpStatelessServerFeatures.SyncToolSpecification.builder()
                        .tool(tool)
                        .callHandler((context, request) -> MemoryTools.call(memories.apply(context), request))
                        .build())
                .toList());
        server.resourceTemplates(MemoryTools.resourceTemplates().stream()
                .map(template -> new McpStatelessServerFeatures.SyncResourceTemplateSpecification(
                        template, (context, request) -> read(memories.apply(context), request.uri())))
                .toList());
        return server.build();
    }

    private static ReadResourceResult read(Memory memory, String uri) {
        try {
            return MemoryTools.read(memory, uri);
        } catch (MemoryException e) {
            int code =
                    e.status() == 404 ? McpSchema.ErrorCodes.RESOURCE_NOT_FOUND : McpSchema.ErrorCodes.INVALID_PARAMS;
            throw McpError.builder(code).message(e.title() + ": " + e.detail()).build();
        }
    }
}
