package dev.colloquy.app.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Every route answers JSON, and every error a problem document. A client whose {@code Accept}
 * admits either gets the answer the route has: clients generated from the OpenAPI document send
 * the documented error type ({@code application/problem+json}) in {@code Accept}, and content
 * negotiation must not turn their successful request into a 406. Only an {@code Accept} that
 * admits neither is refused with 406.
 *
 * <p>An {@code Accept} or {@code Content-Type} that is not a media type at all ({@code a/b/c}, a
 * quality that is not a number) is refused here with a 400 problem, before the routing reads
 * them: the Jakarta REST runtime would answer the first with a 500 and the second with an empty 400.
 */
@Provider
@PreMatching
@Priority(2)
@ApplicationScoped
public class AcceptFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<MediaType> accepted;
        try {
            accepted = request.getAcceptableMediaTypes();
        } catch (RuntimeException e) {
            throw new ApiException(
                    Problem.VALIDATION,
                    "the Accept header is not a list of media ranges (such as application/json, */*;q=0.5)",
                    HttpHeaders.ACCEPT);
        }
        try {
            request.getMediaType();
        } catch (RuntimeException e) {
            throw new ApiException(
                    Problem.VALIDATION,
                    "the Content-Type header is not a media type (such as application/json)",
                    HttpHeaders.CONTENT_TYPE);
        }
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path; // Jersey gives no leading slash, RESTEasy one
        if (path.equals("metrics")) {
            return; // Prometheus' text, whatever else the scraper would also take
        }
        if (path.isEmpty() || path.equals("console") || path.startsWith("console/")) {
            return; // the console's files, which a browser asks for with its own Accept
        }
        boolean json = accepted.stream()
                .anyMatch(type ->
                        type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isCompatible(Problem.MEDIA_TYPE));
        if (json) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }
}
