package dev.colloquy.app.metrics;

import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.WorkObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * OpenTelemetry traces, sent over OTLP/HTTP when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set and
 * nothing at all otherwise. One server span per request, named {@code METHOD /route/template},
 * continuing the caller's W3C {@code traceparent}; one child span per unit of database work
 * ({@code db read} or {@code db write}). Attributes name the method, the route template, the
 * status, the database system and the attempts — never a path's ids or keys, a query, a header, a
 * token or anything stored.
 */
public final class Tracing implements AutoCloseable {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("colloquy.db.attempts");

    private final OpenTelemetry telemetry;
    private final Optional<SdkTracerProvider> provider;
    private final Tracer tracer;

    private Tracing(OpenTelemetry telemetry, Optional<SdkTracerProvider> provider) {
        this.telemetry = telemetry;
        this.provider = provider;
        this.tracer = telemetry.getTracer("dev.colloquy");
    }

    /** No traces. */
    public static Tracing off() {
        return new Tracing(OpenTelemetry.noop(), Optional.empty());
    }

    /**
     * Traces sent to {@code endpoint} (its {@code /v1/traces}), as service {@code serviceName},
     * in batches at most a second old; the database's units of work become child spans.
     */
    public static Tracing to(URI endpoint, String serviceName, Database database) {
        String base = endpoint.toString().replaceAll("/+$", "");
        var exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(base + "/v1/traces")
                .setTimeout(Duration.ofSeconds(10))
                .build();
        var provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter)
                        .setScheduleDelay(Duration.ofSeconds(1))
                        .build())
                .build();
        var sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        var tracing = new Tracing(sdk, Optional.of(provider));
        database.observe(tracing.databaseSpans(database.settings().backend().telemetryName()));
        return tracing;
    }

    /** A request being served: its span is current on the serving thread until {@link #end}. */
    public static final class Request {
        private final Span span;
        private final Scope scope;
        private final String method;

        private Request(Span span, Scope scope, String method) {
            this.span = span;
            this.scope = scope;
            this.method = method;
        }

        /** The route template and status, once the answer is known. */
        public void answered(String route, int status) {
            span.updateName(method + " " + route);
            span.setAttribute(ROUTE, route);
            span.setAttribute(STATUS, status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        }

        public void end() {
            try {
                scope.close();
            } finally {
                span.end();
            }
        }
    }

    /** Starts a request's server span, child of the caller's {@code traceparent} when it sent one. */
    public <C> Request start(
            String method,
            C carrier,
            Function<C, Iterable<String>> names,
            java.util.function.BiFunction<C, String, String> header) {
        Context parent = telemetry
                .getPropagators()
                .getTextMapPropagator()
                .extract(Context.root(), carrier, new TextMapGetter<C>() {
                    @Override
                    public Iterable<String> keys(C c) {
                        return names.apply(c);
                    }

                    @Override
                    public String get(C c, String key) {
                        return c == null ? null : header.apply(c, key);
                    }
                });
        Span span = tracer.spanBuilder(method)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .startSpan();
        return new Request(span, span.makeCurrent(), method);
    }

    private WorkObserver databaseSpans(String system) {
        return write -> {
            Span span = tracer.spanBuilder(write ? "db write" : "db read")
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(DB_SYSTEM, system)
                    .startSpan();
            return (attempts, failure) -> {
                span.setAttribute(ATTEMPTS, attempts);
                if (failure != null) {
                    // the failure's kind only: its message may quote what was stored
                    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                }
                span.end();
            };
        };
    }

    /** Sends what is left and stops. */
    @Override
    public void close() {
        provider.ifPresent(p -> p.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS));
    }
}
