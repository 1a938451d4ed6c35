package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.ServerFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their bodies slowly hold no request worker: the server reads a body before
 * it takes a worker. With 32 of them stalled mid-body — many times the workers there are — every
 * route still answers, a write included, while none of the stalled ones has had an answer; a slow
 * body that completes is then stored, and a stalled one is answered 408 once {@code
 * HTTP_BODY_TIMEOUT} passes with no new byte, its connection closed.
 */
class SlowBodiesTest {

    private static final int SLOW_CLIENTS = 32;

    private static Socket slowPost(URI base, String token, int length, String start) throws Exception {
        var socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n" + start)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String answer(Socket socket) throws Exception {
        socket.setSoTimeout(60_000);
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * A request that must be answered within 8 s, well before the slow bodies' 10 s: before bodies
     * were read first, it waited behind them for a worker.
     */
    private static HttpResponse<String> within(URI uri, UnaryOperator<HttpRequest.Builder> request) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        request.apply(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void slowBodiesHoldNoWorkerAndAStalledOneIsAnswered408() throws Exception {
        try (var server = new ServerFixture("sqlite", Map.of("HTTP_BODY_TIMEOUT", "10s"))) {
            String token = server.target().token();
            var base = server.api().base();
            List<Socket> slow = new ArrayList<>();
            String rest = "completed slowly\"}";
            String begun = "{\"title\":\"";
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    slow.add(slowPost(base, token, 1000, begun));
                }
                Socket finisher = slowPost(base, token, begun.length() + rest.length(), begun);
                Thread.sleep(500);

                // Every kind of request is served while the slow bodies wait.
                String auth = "Bearer " + token;
                assertThat(within(base.resolve("/v1/tags"), req -> req.header("Authorization", auth))
                                .statusCode())
                        .isEqualTo(200);
                assertThat(within(base.resolve("/health/ready"), req -> req).statusCode())
                        .isEqualTo(200);
                var write = within(
                        base.resolve("/v1/conversations"),
                        req -> req.header("Authorization", auth)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"while others are slow\"}")));
                assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
                var live = within(base.resolve("/health/live"), req -> req);
                assertThat(live.statusCode()).isEqualTo(200);
                assertThat(live.body()).contains("\"status\":\"UP\"");
                for (Socket socket : slow) {
                    assertThat(socket.getInputStream().available())
                            .as("a stalled body has no answer yet")
                            .isZero();
                }

                // The slow body that completes is stored.
                finisher.getOutputStream().write(rest.getBytes(StandardCharsets.US_ASCII));
                finisher.getOutputStream().flush();
                finisher.setSoTimeout(60_000);
                byte[] head = new byte[12];
                int read = finisher.getInputStream().readNBytes(head, 0, head.length);
                assertThat(new String(head, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 201");
                finisher.close();

                // A stalled one is answered 408 when no byte came for HTTP_BODY_TIMEOUT, and closed.
                String timedOut = answer(slow.get(0));
                assertThat(timedOut)
                        .startsWith("HTTP/1.1 408")
                        .containsIgnoringCase("connection: close")
                        .contains("urn:colloquy:problem:request-timeout")
                        .contains("HTTP_BODY_TIMEOUT");
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
            var titles = server.api()
                    .get("/v1/conversations?limit=100", token)
                    .json()
                    .findValuesAsText("title");
            assertThat(titles)
                    .contains("completed slowly", "while others are slow")
                    .doesNotContain("");
        }
    }

    /** What the server answered on {@code socket} within {@code millis}, up to a 503 problem; '' for nothing. */
    private static String answerWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        var received = new StringBuilder();
        byte[] chunk = new byte[1024];
        try {
            while (!received.toString().contains("\"status\":503")) {
                int read = socket.getInputStream().read(chunk);
                if (read < 0) {
                    break;
                }
                received.append(new String(chunk, 0, read, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            // nothing more came in time
        }
        return received.toString();
    }

    /**
     * More stalled bodies than there are body readers and places in their queue: the next body is
     * refused at once with 503 and {@code Retry-After}, reading nothing, while requests without a
     * body are still served.
     */
    @Test
    void bodiesPastTheReadersAndTheirQueueAreRefusedAtOnce() throws Exception {
        int queue = 4;
        try (var server = new ServerFixture(
                "sqlite", Map.of("HTTP_BODY_TIMEOUT", "30s", "HTTP_QUEUE_LIMIT", String.valueOf(queue)))) {
            String token = server.target().token();
            var base = server.api().base();
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 64 + queue; i++) {
                    slow.add(slowPost(base, token, 1000, "{\"title\":\""));
                }
                // The server takes the stalled bodies in as fast as the machine lets it: on a busy
                // machine some may still be on their way to a reader when the next one arrives, and
                // that one then waits in the queue. So up to five more are tried, each given 5 s (the
                // body timeout is 30 s); the first answered must be the 503.
                Thread.sleep(1000);
                String answer = "";
                for (int attempt = 0; attempt < 5 && answer.isEmpty(); attempt++) {
                    Socket next = slowPost(base, token, 1000, "{\"title\":\"");
                    slow.add(next);
                    answer = answerWithin(next, 5_000);
                }
                assertThat(answer)
                        .startsWith("HTTP/1.1 503")
                        .contains("Retry-After: 1")
                        .contains("urn:colloquy:problem:unavailable");
                var tags = server.api().get("/v1/tags", token);
                assertThat(tags.status())
                        .as("a request without a body needs no reader")
                        .isEqualTo(200);
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }
}
