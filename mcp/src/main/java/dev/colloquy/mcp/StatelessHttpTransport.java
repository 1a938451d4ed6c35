package dev.colloquy.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import reactor.core.publisher.Mono;

/**
 * MCP's streamable HTTP transport in its stateless form, for any HTTP host: each {@code POST}
 * carries one JSON-RPC message and is answered on its own — a request with {@code 200} and the
 * JSON-RPC response, a notification or response with {@code 202} and no body. There are no
 * sessions and no server-sent stream ({@code GET} is the host's to answer {@code 405}). The host
 * authenticates the request and puts what the tools need into the transport context.
 */
public final class StatelessHttpTransport implements McpStatelessServerTransport {

    /** An answer for the host to send: a status and, unless null, a JSON body. */
    public record Answer(int status, String json) {}

    private final McpJsonMapper json = ColloquyMcp.jsonMapper();
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /** Handles one POSTed body for the caller the context describes. */
    public Answer handle(McpTransportContext context, String body) {
        if (closing || handler == null) {
            return error(503, McpSchema.ErrorCodes.INTERNAL_ERROR, "the server is stopping");
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (IOException | IllegalArgumentException e) {
            return error(400, McpSchema.ErrorCodes.PARSE_ERROR, "the body is not a JSON-RPC message");
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            McpSchema.JSONRPCResponse response;
            try {
                response = handler.handleRequest(context, request)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .block();
            } catch (McpError e) {
                response = new McpSchema.JSONRPCResponse(
                        McpSchema.JSONRPC_VERSION, request.id(), null, e.getJsonRpcError());
            }
            return new Answer(200, write(response));
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification)
                    .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                    .block();
            return new Answer(202, null);
        }
        // a response to a request this server never sends
        return new Answer(202, null);
    }

    /** A JSON-RPC error for a body whose id is unknown: the id is null, as JSON-RPC says. */
    private static Answer error(int status, int code, String message) {
        var response = MemoryTools.JSON.createObjectNode();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.putNull("id");
        response.putObject("error").put("code", code).put("message", message);
        return new Answer(status, response.toString());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON-RPC response could not be written", e);
        }
    }
}
