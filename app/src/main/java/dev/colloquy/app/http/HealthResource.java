package dev.colloquy.app.http;

import dev.colloquy.app.semantic.SemanticSearch;
import dev.colloquy.persistence.Database;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Liveness and readiness, without authentication. */
@Path("/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    static final int READY_TIMEOUT_SECONDS = 2;
    static final int RETRY_AFTER_SECONDS = 5;

    @Inject
    Database database;

    @Inject
    SemanticSearch semantic;

    @GET
    @Path("live")
    public Map<String, Object> live() {
        // Liveness asks the database nothing: a slow or lost database is readiness's business.
        return liveBody(database);
    }

    /**
     * Ready when the database answers within two seconds and its schema is current; otherwise 503
     * with the same body ({@code status: DOWN} and a {@code detail}) and {@code Retry-After}.
     */
    @GET
    @Path("ready")
    public Response ready() {
        String problem = null;
        String version = null;
        try {
            if (!database.ping(READY_TIMEOUT_SECONDS)) {
                problem = "the database did not answer within " + READY_TIMEOUT_SECONDS + "s";
            } else {
                var schema = database.schema();
                version = schema.current().orElse(null);
                if (!schema.isCurrent()) {
                    problem = "the schema is not current (pending: " + schema.pending() + ")";
                }
            }
        } catch (RuntimeException e) {
            problem = "the database is unavailable";
        }
        if (problem == null) {
            return Response.ok(withSemantic(body("UP", version, null))).build();
        }
        return Response.status(503)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(withSemantic(body("DOWN", version, problem)))
                .build();
    }

    /** Readiness tells the state of semantic search too: on or off, its model and its backlog. */
    private Map<String, Object> withSemantic(Map<String, Object> body) {
        body.put("semanticSearch", semantic.status());
        return body;
    }

    /** What {@code /health/live} answers, for every server that serves it. */
    public static Map<String, Object> liveBody(Database database) {
        return body(database, "UP", database.schemaVersionAtOpen().orElse(null), null);
    }

    private Map<String, Object> body(String status, String version, String problem) {
        return body(database, status, version, problem);
    }

    private static Map<String, Object> body(Database database, String status, String version, String problem) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", status);
        body.put("backend", database.settings().backend().name());
        body.put("schemaVersion", version);
        if (problem != null) {
            body.put("detail", problem);
        }
        return body;
    }
}
