package dev.colloquy.app.http;

import dev.colloquy.token.ApiToken;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.UUID;

/** The token a request was made with: its project is the only one the request may see. */
public record Caller(ApiToken token) implements Principal {

    public static final String ADMIN = "admin";

    @Override
    public String getName() {
        return token.name();
    }

    public UUID projectId() {
        return token.projectId();
    }

    public static Caller of(SecurityContext context) {
        if (context.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new ApiException(Problem.UNAUTHORIZED, "send Authorization: Bearer <token>");
    }

    /** The caller, if it holds an admin token; forbidden otherwise. */
    public static Caller admin(SecurityContext context) {
        Caller caller = of(context);
        if (!caller.token().admin()) {
            throw new ApiException(Problem.FORBIDDEN, "this route needs an admin token");
        }
        return caller;
    }
}
