package dev.colloquy.app.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Every route answers JSON, and every error a problem document. A client whose {@code Accept}
 * admits either gets the answer the route has: clients generated from the OpenAPI document send
 * the documented error type ({@code application/problem+json}) in {@code Accept}, and content
 * negotiation must not turn their successful request into a 406. Only an {@code Accept} that
 * admits neither is refused with 406.
 */
@Provider
@PreMatching
@Priority(2)
@ApplicationScoped
public class AcceptFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        var accepted = request.getAcceptableMediaTypes();
        boolean json = accepted.stream()
                .anyMatch(type ->
                        type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isCompatible(Problem.MEDIA_TYPE));
        if (json) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }
}
