package dev.colloquy.app.http;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * {@code Location} values: references relative to the server's own root ({@code /v1/...}, with
 * the application's context path in front when deployed in a server), never built from the
 * request's {@code Host} header, which the client chooses.
 */
final class Locations {

    private Locations() {}

    static URI of(UriInfo uri, String path, Object id) {
        return URI.create(uri.getBaseUri().getRawPath() + path + "/" + id);
    }
}
