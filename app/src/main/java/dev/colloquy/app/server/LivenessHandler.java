package dev.colloquy.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colloquy.app.http.HealthResource;
import dev.colloquy.app.http.Json;
import dev.colloquy.app.http.Problem;
import dev.colloquy.persistence.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;

/**
 * {@code GET /health/live} answered on the thread that read the request, ahead of the worker
 * pool: a liveness probe must not queue behind requests that hold every worker (slow bodies,
 * lock waits, long queries), or an orchestrator kills a server that is merely busy. It asks the
 * database nothing, as the API's own liveness route (which a server in a Jakarta EE container
 * serves) does not either, and answers the same body.
 */
final class LivenessHandler extends HttpHandler {

    static final String PATH = "/health/live";

    private final byte[] body;

    LivenessHandler(Database database) {
        try {
            this.body = Json.MAPPER.writeValueAsBytes(HealthResource.liveBody(database));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return new RequestExecutorProvider.SameThreadProvider();
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!Method.GET.equals(request.getMethod()) && !Method.HEAD.equals(request.getMethod())) {
            response.setStatus(405);
            response.setHeader("Allow", "GET, HEAD");
            write(
                    response,
                    Problem.MEDIA_TYPE.toString(),
                    Problem.METHOD_NOT_ALLOWED.json("this route does not take that method"));
            return;
        }
        write(response, "application/json", body);
    }

    private static void write(Response response, String type, byte[] bytes) throws IOException {
        response.setContentType(type);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
