package dev.colloquy.app.server;

import dev.colloquy.app.http.Problem;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;

/**
 * The API's handler behind a bounded queue: a request waits for a worker only while fewer than
 * {@code HTTP_QUEUE_LIMIT} others wait; past that it is answered 503 with {@code Retry-After: 1}
 * at once, on the thread that read it, instead of joining a queue that only grows. Grizzly's own
 * queue limit would refuse the task without an answer.
 */
final class QueueLimit extends HttpHandler {

    private static final String REFUSED = "colloquy.queue.refused";
    private static final RequestExecutorProvider WORKERS = new RequestExecutorProvider.WorkerThreadProvider();

    private final HttpHandler api;
    private final int limit;
    private final AtomicInteger waiting = new AtomicInteger();

    QueueLimit(HttpHandler api, int limit) {
        this.api = api;
        this.limit = limit;
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return request -> {
            Executor workers = WORKERS.getExecutor(request);
            if (workers == null) {
                return null; // already on a worker: run here
            }
            return task -> {
                if (waiting.incrementAndGet() > limit) {
                    waiting.decrementAndGet();
                    request.setAttribute(REFUSED, Boolean.TRUE);
                    task.run(); // answers the refusal on this thread, without the API
                    return;
                }
                workers.execute(() -> {
                    waiting.decrementAndGet();
                    task.run();
                });
            };
        };
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (request.getAttribute(REFUSED) != null) {
            byte[] body = Problem.UNAVAILABLE.json("the server has more requests waiting than it queues (" + limit
                    + ", HTTP_QUEUE_LIMIT); nothing was done; try again");
            response.setStatus(503);
            response.setHeader("Retry-After", "1");
            response.setContentType(Problem.MEDIA_TYPE.toString());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        api.service(request, response);
    }

    @Override
    public void start() {
        api.start();
    }

    @Override
    public void destroy() {
        api.destroy();
    }
}
