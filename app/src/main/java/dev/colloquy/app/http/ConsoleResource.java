package dev.colloquy.app.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The web console: three static files built into the JAR and the WAR, served at {@code /console/}
 * ({@code /} and {@code /console} lead there). They call the REST API from the browser with the
 * token the person signs in with, so they are public; the data is not.
 *
 * <p>Every file goes out with a Content-Security-Policy that lets the page run only its own script
 * and style, talk only to its own server, load nothing from elsewhere and be framed by nobody:
 * no inline script runs even if some text escaped its escaping.
 */
@Path("/")
@ApplicationScoped
public class ConsoleResource {

    static final String FOLDER = "dev/colloquy/app/console/";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The console's files, read once: name → media type and bytes. Any other name is 404. */
    private static final Map<String, Asset> FILES = Map.of(
            "index.html", Asset.read("index.html", "text/html; charset=utf-8"),
            "console.js", Asset.read("console.js", "text/javascript; charset=utf-8"),
            "console.css", Asset.read("console.css", "text/css; charset=utf-8"),
            "icon.svg", Asset.read("icon.svg", "image/svg+xml"));

    private static final URI PAGE = URI.create("console/");

    private record Asset(String type, byte[] body) {
        static Asset read(String name, String type) {
            try (InputStream in = ConsoleResource.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException("the console's " + name + " is missing from the build");
                }
                return new Asset(type, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code /} has no page of its own: it leads to the console. */
    @GET
    public Response root() {
        return Response.seeOther(PAGE).build();
    }

    /** The console's page; without the trailing slash the page's relative references would miss. */
    @GET
    @Path("console")
    public Response page(@Context UriInfo uri) {
        if (!uri.getRequestUri().getRawPath().endsWith("/")) {
            return Response.seeOther(PAGE).build();
        }
        return file("index.html");
    }

    @GET
    @Path("console/{file}")
    public Response asset(@PathParam("file") String name) {
        return file(name);
    }

    private static Response file(String name) {
        Asset file = FILES.get(name);
        if (file == null) {
            throw new ApiException(Problem.NOT_FOUND, "the console has no file named " + name);
        }
        return Response.ok(file.body(), file.type())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .build();
    }
}
