package dev.colloquy.app.http;

import dev.colloquy.app.config.ServerSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Cross-origin requests from browsers, for the origins {@code CORS_ORIGINS} lists (none by
 * default: then no answer carries a CORS header, and browsers keep pages of other origins out).
 * A preflight from a listed origin is answered 204 before authentication (a browser sends it
 * without the token); the answers to that origin's requests name it and expose the headers
 * clients read. Tokens travel in {@code Authorization}, never in cookies, so credentials are not
 * allowed.
 */
@Provider
@PreMatching
@Priority(1)
@ApplicationScoped
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS =
            "Authorization, Content-Type, Accept, Idempotency-Key, X-Request-Id, If-Match, If-None-Match";
    static final String EXPOSED_HEADERS = "Location, Retry-After, X-Request-Id, Idempotent-Replayed, ETag, Link";
    static final String MAX_AGE = "600";

    @Inject
    ServerSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null
                || !request.getMethod().equals(HttpMethod.OPTIONS)
                || request.getHeaderString("Access-Control-Request-Method") == null
                || !settings.corsOrigins().contains(origin)) {
            return;
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", MAX_AGE)
                .header("Vary", "Origin")
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (settings.corsOrigins().isEmpty()) {
            return;
        }
        if (!response.getHeaders().containsKey("Vary")) {
            response.getHeaders().add("Vary", "Origin");
        }
        if (origin != null && settings.corsOrigins().contains(origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }
}
