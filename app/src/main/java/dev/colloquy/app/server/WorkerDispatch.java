package dev.colloquy.app.server;

import dev.colloquy.app.http.BodyLimitFilter;
import dev.colloquy.app.http.Problem;
import dev.colloquy.app.http.ProblemMappers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.memory.Buffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a request of the API gets a worker thread of the standalone server.
 *
 * <p><b>Bodies are read before a worker is taken.</b> A request whose body has not all come with
 * its headers is first handed to one of {@value #BODY_READERS} body readers, a pool of its own,
 * which reads the whole body into memory and only then queues the request for a worker: a client
 * sending one byte a second holds a reader, never a worker, so slow clients cannot stop the
 * others' reads, writes and health checks. A reader waits for the next bytes no longer than
 * {@code HTTP_BODY_TIMEOUT} (then 408, connection closed, nothing done); a body longer than
 * {@code LIMIT_REQUEST_BYTES} is answered 413 having read no more than that (one that announces
 * it in its {@code Content-Length} goes straight to the API, which refuses it without reading).
 * When every reader is busy, bodies wait for one in a queue of {@code HTTP_QUEUE_LIMIT}; past
 * that, 503.
 *
 * <p><b>A bounded queue for workers.</b> A request waits for a worker only while fewer than
 * {@code HTTP_QUEUE_LIMIT} others wait; past that it is answered 503 with {@code Retry-After: 1}
 * at once, without the API, instead of joining a queue that only grows. Grizzly's own queue
 * limit would refuse the task without an answer.
 */
final class WorkerDispatch extends HttpHandler {

    /** How many request bodies are read at once. */
    static final int BODY_READERS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(WorkerDispatch.class);
    private static final String REFUSED = "colloquy.dispatch.refused";
    private static final String READ_BODY = "colloquy.dispatch.read-body";
    private static final RequestExecutorProvider WORKERS = new RequestExecutorProvider.WorkerThreadProvider();

    private final HttpHandler api;
    private final int queueLimit;
    private final long bodyLimit;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ThreadPoolExecutor readers;

    WorkerDispatch(HttpHandler api, int queueLimit, long bodyLimit) {
        this.api = api;
        this.queueLimit = queueLimit;
        this.bodyLimit = bodyLimit;
        var count = new AtomicInteger();
        this.readers = new ThreadPoolExecutor(
                BODY_READERS, BODY_READERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(queueLimit), task -> {
                    var thread = new Thread(task, "colloquy-body-reader-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        readers.allowCoreThreadTimeOut(true);
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return request -> {
            Executor workers = WORKERS.getExecutor(request);
            if (workers == null) {
                return null; // already on a worker thread: run here
            }
            if (!bodyStillComing(request)) {
                return queued(request, workers);
            }
            request.setAttribute(READ_BODY, workers);
            return task -> {
                try {
                    readers.execute(task);
                } catch (RejectedExecutionException e) {
                    request.removeAttribute(READ_BODY);
                    request.setAttribute(REFUSED, Boolean.TRUE);
                    task.run(); // answers the refusal on this thread, reading nothing
                }
            };
        };
    }

    /** A body is still on its way: not all of it came with the headers (and it is not too long anyway). */
    private boolean bodyStillComing(Request request) {
        long length = request.getContentLengthLong();
        boolean body = length > 0 || request.getRequest().isChunked();
        return body && length <= bodyLimit && !request.getInputBuffer().isFinished();
    }

    /** To a worker, or — past the queue's limit — refused at once on the calling thread. */
    private Executor queued(Request request, Executor workers) {
        return task -> {
            if (waiting.incrementAndGet() > queueLimit) {
                waiting.decrementAndGet();
                request.setAttribute(REFUSED, Boolean.TRUE);
                task.run();
                return;
            }
            try {
                workers.execute(() -> {
                    waiting.decrementAndGet();
                    task.run();
                });
            } catch (RejectedExecutionException e) {
                waiting.decrementAndGet();
                request.setAttribute(REFUSED, Boolean.TRUE);
                task.run();
            }
        };
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (request.getAttribute(REFUSED) != null) {
            refuse(response);
            return;
        }
        Object workers = request.getAttribute(READ_BODY);
        if (workers == null) {
            api.service(request, response);
            return;
        }
        // On a body reader: the whole body first, then the request waits for a worker.
        request.removeAttribute(READ_BODY);
        if (!readWhole(request, response)) {
            return;
        }
        response.suspend();
        queued(request, (Executor) workers).execute(() -> serveSuspended(request, response));
    }

    /** The API answers (and resumes the response when it commits it), or the refusal does. */
    private void serveSuspended(Request request, Response response) {
        try {
            if (request.getAttribute(REFUSED) != null) {
                refuse(response);
                response.resume();
                return;
            }
            api.service(request, response);
        } catch (Throwable e) {
            LOG.error("A request failed outside the API's own error handling", e);
            if (response.isSuspended()) {
                if (!response.isCommitted()) {
                    answer(response, Problem.INTERNAL, "an internal error occurred; see the server log", true);
                }
                response.resume();
            }
        }
    }

    /**
     * Reads the whole body and puts it back as the request's payload; false when it answered the
     * request itself (a body that stopped arriving or is too long).
     */
    private boolean readWhole(Request request, Response response) {
        byte[] body;
        try {
            InputStream in = request.getInputStream();
            body = in.readNBytes((int) Math.min(bodyLimit + 1, Integer.MAX_VALUE - 8));
        } catch (IOException | RuntimeException e) {
            if (ProblemMappers.bodyTimedOut(e)) {
                answer(response, Problem.REQUEST_TIMEOUT, ProblemMappers.BODY_TIMEOUT_DETAIL, true);
            } else {
                LOG.debug("A request body could not be read: {}", e.toString());
                answer(response, Problem.VALIDATION, "the request body could not be read; nothing was stored", true);
            }
            return false;
        }
        if (body.length > bodyLimit) {
            answer(response, Problem.PAYLOAD_TOO_LARGE, BodyLimitFilter.tooLargeDetail(bodyLimit), true);
            return false;
        }
        request.replayPayload(Buffers.wrap(request.getContext().getMemoryManager(), body));
        return true;
    }

    private void refuse(Response response) {
        response.setHeader("Retry-After", "1");
        answer(
                response,
                Problem.UNAVAILABLE,
                "the server has more requests waiting than it queues (" + queueLimit
                        + ", HTTP_QUEUE_LIMIT); nothing was done; try again",
                false);
    }

    /** A problem answered without the API. */
    private static void answer(Response response, Problem problem, String detail, boolean close) {
        try {
            byte[] json = problem.json(detail);
            response.setStatus(problem.status());
            if (close) {
                response.setHeader("Connection", "close");
            }
            response.setContentType(Problem.MEDIA_TYPE.toString());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not answer {}: {}", problem.status(), e.toString());
        }
    }

    @Override
    public void start() {
        api.start();
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
        api.destroy();
    }
}
