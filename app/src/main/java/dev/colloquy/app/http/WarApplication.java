package dev.colloquy.app.http;

import jakarta.ws.rs.ApplicationPath;
import java.util.Set;

/**
 * The REST API as an application server deploys it, at the root of the WAR's context. The
 * server's own JAX-RS implementation reads and writes JSON with the mapper of {@link Json}.
 */
@ApplicationPath("/")
public class WarApplication extends ColloquyApplication {

    @Override
    public Set<Object> getSingletons() {
        return Set.of();
    }
}
