package dev.colloquy.app.http;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.app.metrics.Tracing;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Request ids and the access log. Each request gets an id: the client's {@code X-Request-Id} when
 * it is one (1 to 128 of {@code A-Z a-z 0-9 . _ ~ : @ / + = -}), else a new UUID. The id is
 * echoed in the response's {@code X-Request-Id}, in every problem document ({@code requestId}) and
 * in every log line written while the request is served (the MDC key {@code requestId}). When
 * the answer is written, one access line goes to the logger {@code colloquy.access}: method,
 * route template, status, milliseconds, body bytes, project — never a token and never a query
 * string ({@code ACCESS_LOG=off} turns it off).
 */
@Provider
@PreMatching
@Priority(0)
@ApplicationScoped
public class RequestLog implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final Logger ACCESS = LoggerFactory.getLogger("colloquy.access");
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._~:@/+=-]{1,128}");
    private static final String ID = "colloquy.requestId";
    private static final String STARTED = "colloquy.started";
    private static final String ROUTE = "colloquy.route";
    private static final String PROJECT = "colloquy.project";
    private static final String STATUS = "colloquy.status";
    private static final String METHOD = "colloquy.method";

    @Inject
    ServerSettings settings;

    @Inject
    ServiceMetrics metrics;

    @Inject
    Tracing tracing;

    private static final String TRACE = "colloquy.trace";

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        request.setProperty(ID, id);
        request.setProperty(STARTED, System.nanoTime());
        MDC.put(MDC_KEY, id);
        request.setProperty(
                TRACE,
                tracing.start(
                        request.getMethod(),
                        request,
                        r -> r.getHeaders().keySet(),
                        ContainerRequestContext::getHeaderString));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(ID);
        if (id == null) {
            return; // refused before this filter ran
        }
        response.getHeaders().putSingle(HEADER, id);
        request.setProperty(METHOD, request.getMethod());
        request.setProperty(STATUS, response.getStatus());
        request.setProperty(ROUTE, route());
        if (request.getProperty(TRACE) instanceof Tracing.Request trace) {
            trace.answered((String) request.getProperty(ROUTE), response.getStatus());
        }
        if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller) {
            request.setProperty(PROJECT, caller.projectId().toString());
        }
        if (!response.hasEntity()) {
            log(request::getProperty, 0);
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (context.getProperty(ID) == null) {
            context.proceed();
            return;
        }
        var counted = new Counting(context.getOutputStream());
        context.setOutputStream(counted);
        try {
            context.proceed();
        } finally {
            log(context::getProperty, counted.bytes);
        }
    }

    /** Writes the access line from the request's properties, and ends the request's log context. */
    private void log(Function<String, Object> properties, long bytes) {
        try {
            long took = System.nanoTime() - (Long) properties.apply(STARTED);
            metrics.request(
                    String.valueOf(properties.apply(METHOD)),
                    String.valueOf(properties.apply(ROUTE)),
                    (Integer) properties.apply(STATUS),
                    took);
            if (settings.accessLog()) {
                Object project = properties.apply(PROJECT);
                ACCESS.info(
                        "{} {} {} {} ms {} bytes project {}",
                        properties.apply(METHOD),
                        properties.apply(ROUTE),
                        properties.apply(STATUS),
                        took / 1_000_000,
                        bytes,
                        project == null ? "-" : project);
            }
        } finally {
            MDC.remove(MDC_KEY);
            if (properties.apply(TRACE) instanceof Tracing.Request trace) {
                trace.end();
            }
        }
    }

    /** The route template ({@code /v1/conversations/{id}/messages}), or {@code unmatched}. */
    private String route() {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return "unmatched";
        }
        var template = new StringBuilder();
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        if (type != null) {
            template.append(type.value().startsWith("/") ? "" : "/").append(type.value());
        }
        Path own = method.getAnnotation(Path.class);
        if (own != null) {
            template.append(own.value().startsWith("/") ? "" : "/").append(own.value());
        }
        return template.length() == 0 ? "/" : template.toString();
    }

    private static final class Counting extends FilterOutputStream {
        long bytes;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int offset, int length) throws IOException {
            out.write(b, offset, length);
            bytes += length;
        }
    }
}
