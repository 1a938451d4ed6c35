package dev.colloquy.app.http;

import dev.colloquy.persistence.Database;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Clock;
import java.util.Locale;

/**
 * Every {@code /v1} route needs {@code Authorization: Bearer <token>}. The token is looked up by
 * its hash on every request, so a revocation or an expiry takes effect at once.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthFilter implements ContainerRequestFilter {

    @Inject
    Database database;

    @Inject
    TokenUsage usage;

    @Inject
    Clock clock;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean mcp = path.equals("mcp") || path.equals("/mcp");
        if (!mcp && !path.equals("v1") && !path.startsWith("v1/") && !path.startsWith("/v1")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw new ApiException(Problem.UNAUTHORIZED, "send Authorization: Bearer <token>");
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new ApiException(Problem.UNAUTHORIZED, "the Authorization header must use the Bearer scheme");
        }
        String secret = header.substring(space + 1).strip();
        var token = database.tokens()
                .authenticate(secret)
                .orElseThrow(() -> new ApiException(Problem.UNAUTHORIZED, "the token is unknown, revoked or expired"));
        usage.used(token.id(), clock.instant());
        var caller = new Caller(token);
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Caller.ADMIN.equals(role) && token.admin();
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
