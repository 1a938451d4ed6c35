package dev.colloquy.app.http;

import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ServerProperties;

/** The REST API: its resources and providers, listed rather than scanned. */
public class ColloquyApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                ConversationResource.class,
                KeyedConversationResource.class,
                MetricsResource.class,
                SearchResource.class,
                McpResource.class,
                AdminResource.class,
                HealthResource.class,
                OpenApiResource.class,
                ConsoleResource.class,
                RequestLog.class,
                CorsFilter.class,
                AuthFilter.class,
                RateLimitFilter.class,
                BodyLimitFilter.class,
                AcceptFilter.class,
                WriteQueryFilter.class,
                Json.class,
                ProblemMappers.Domain.class,
                ProblemMappers.JsonInput.class,
                ProblemMappers.Api.class,
                ProblemMappers.Web.class,
                ProblemMappers.Internal.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        // Location headers stay the server-relative references the resources give (Locations):
        // Jersey would otherwise make them absolute from the client's Host header.
        return Map.of(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
    }

    @Override
    public Set<Object> getSingletons() {
        // Jersey's own JSON exception mappers answer text/plain; ours answer problem documents.
        return Set.of(JacksonFeature.withoutExceptionMappers());
    }
}
