package dev.colloquy.app.http;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.app.semantic.SemanticSearch;
import dev.colloquy.mcp.ColloquyMcp;
import dev.colloquy.mcp.StatelessHttpTransport;
import dev.colloquy.persistence.Database;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/** The MCP server behind {@code POST /mcp}: one for the service, each call on its caller's project. */
@ApplicationScoped
public class McpEndpoint {

    /** Where the transport context carries the caller's project id. */
    static final String PROJECT = "colloquy.project";

    @Inject
    Database database;

    @Inject
    ServerSettings settings;

    @Inject
    ServiceMetrics metrics;

    @Inject
    SemanticSearch semantic;

    private StatelessHttpTransport transport;
    private McpStatelessSyncServer server;

    @PostConstruct
    void start() {
        transport = new StatelessHttpTransport();
        String version = McpEndpoint.class.getPackage().getImplementationVersion();
        server = ColloquyMcp.stateless(
                transport,
                context -> new StoreMemory(database, settings, metrics, semantic, (UUID) context.get(PROJECT)),
                version == null ? "development" : version);
    }

    StatelessHttpTransport transport() {
        return transport;
    }

    /** The transport context of a request from this project. */
    static McpTransportContext context(UUID project) {
        return McpTransportContext.create(Map.of(PROJECT, project));
    }

    @PreDestroy
    void close() {
        server.closeGracefully();
    }
}
