package dev.colloquy.app.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * No route that changes anything takes a query parameter: one given to a POST, PUT, PATCH or
 * DELETE is refused, as unknown query parameters are on the reading routes, rather than ignored.
 */
@Provider
@PreMatching
@Priority(3)
@ApplicationScoped
public class WriteQueryFilter implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Override
    public void filter(ContainerRequestContext request) {
        if (READS.contains(request.getMethod())) {
            return;
        }
        var names = request.getUriInfo().getQueryParameters().keySet();
        if (!names.isEmpty()) {
            String name = names.iterator().next();
            throw new ApiException(
                    Problem.VALIDATION,
                    "unknown query parameter '" + name + "'; " + request.getMethod() + " takes none",
                    name);
        }
    }
}
