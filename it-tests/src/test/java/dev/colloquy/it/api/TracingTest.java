package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, each request is a server span named by its route
 * template, continuing the caller's traceparent, with its database work as child spans; nothing
 * secret or stored is in any attribute. A stand-in OTLP/HTTP receiver takes what is sent.
 */
class TracingTest {

    private HttpServer receiver;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            var request = ExportTraceServiceRequest.parseFrom(
                    exchange.getRequestBody().readAllBytes());
            request.getResourceSpansList()
                    .forEach(resource ->
                            resource.getScopeSpansList().forEach(scope -> spans.addAll(scope.getSpansList())));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void requestsAreSpansWithTheirDatabaseWorkUnderTheCallersTrace(String backend) throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort();
        String secretContent = "the secret recipe 42";
        String token;
        try (var server = new ServerFixture(
                backend, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint, "OTEL_SERVICE_NAME", "colloquy-test"))) {
            token = server.target().token();
            var answer = server.api()
                    .send(
                            "POST",
                            "/v1/keys/traced-key/messages",
                            token,
                            "application/json",
                            "{\"messages\":[{\"role\":\"user\",\"content\":\"" + secretContent + "\"}]}",
                            Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            for (int i = 0;
                    i < 100 && spans.stream().noneMatch(s -> hex(s.getTraceId()).equals(traceId));
                    i++) {
                Thread.sleep(100);
            }
        }
        // the server closed: whatever was batched has been sent
        Span request = spans.stream()
                .filter(s -> hex(s.getTraceId()).equals(traceId) && s.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no server span of the caller's trace among " + spans.size()));
        assertThat(request.getName()).isEqualTo("POST /v1/keys/{key}/messages");
        assertThat(hex(request.getParentSpanId())).isEqualTo(callerSpan);
        assertThat(attributes(request))
                .containsEntry("http.route", "/v1/keys/{key}/messages")
                .containsEntry("http.response.status_code", "201")
                .containsEntry("http.request.method", "POST");

        List<Span> database = spans.stream()
                .filter(s -> s.getParentSpanId().equals(request.getSpanId()))
                .toList();
        assertThat(database).isNotEmpty();
        assertThat(database).allSatisfy(span -> {
            assertThat(span.getName()).isIn("db read", "db write");
            assertThat(attributes(span))
                    .containsEntry("db.system.name", backend.equals("postgres") ? "postgresql" : "sqlite");
        });
        assertThat(database).anySatisfy(span -> assertThat(span.getName()).isEqualTo("db write"));

        String everything = spans.toString();
        assertThat(everything)
                .doesNotContain(token)
                .doesNotContain(secretContent)
                .doesNotContain("traced-key");
    }

    private static Map<String, String> attributes(Span span) {
        var map = new java.util.TreeMap<String, String>();
        for (KeyValue kv : span.getAttributesList()) {
            var value = kv.getValue();
            map.put(kv.getKey(), value.hasIntValue() ? Long.toString(value.getIntValue()) : value.getStringValue());
        }
        return map;
    }
}
