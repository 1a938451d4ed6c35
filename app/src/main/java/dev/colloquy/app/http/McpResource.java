package dev.colloquy.app.http;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The Model Context Protocol over streamable HTTP, stateless: each {@code POST /mcp} carries one
 * JSON-RPC message, authenticated with the same bearer token as the REST API and confined to its
 * project. {@code GET} (a server-sent stream) is not offered: 405.
 */
@Path("/mcp")
@RequestScoped
public class McpResource {

    @Inject
    McpEndpoint endpoint;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(String body) {
        var caller = Caller.of(security);
        var answer = endpoint.transport().handle(McpEndpoint.context(caller.projectId()), body);
        if (answer.json() == null) {
            return Response.status(answer.status()).build();
        }
        return Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(answer.json())
                .build();
    }
}
