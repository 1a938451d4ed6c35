package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests no client library would send — broken request lines, bad escapes, oversized heads —
 * each answered with a problem document and the right status, never HTML, never a stack trace,
 * and never a connection closed or left open without an answer.
 */
public interface MalformedRequestContract extends ServerContract {

    static Stream<Arguments> malformed() {
        String big = "a".repeat(20_000);
        return Stream.of(
                Arguments.of("GET /v1/conversations?cursor=%%%garbage HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations?cursor=% HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations?x=%G1 HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations/%ZZ HTTP/1.1", 400, "validation"),
                // Escapes that decode to no text, and dot segments (found by a generated-request run)
                Arguments.of("GET /v1/conversations/%C0%AF HTTP/1.1", 400, "validation"),
                Arguments.of("DELETE /v1/conversations/%ED%A0%80 HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/projects/%00/tokens HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations/.. HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations/%2e%2e/messages HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations/... HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/keys/..../messages HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/search?q=%C0%AF HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations?tag=%00 HTTP/1.1", 400, "validation"),
                Arguments.of("GET /% HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conv\"x HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/{x} HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations?tag=a|b HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations?tag=caf\u00e9 HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations?%00x=1 HTTP/1.1", 400, "validation"),
                Arguments.of("GET /a b HTTP/1.1", 400, "validation"),
                Arguments.of("GET / FOO", 400, "validation"),
                Arguments.of("GET /health/live HTTP/2.0", 505, "http-version-not-supported"),
                Arguments.of("CONNECT example.com:443 HTTP/1.1", 405, "method-not-allowed"),
                Arguments.of("GET /" + big + " HTTP/1.1", 414, "uri-too-long"),
                Arguments.of("GET /health/live HTTP/1.1\r\nX-Big: " + big, 431, "headers-too-large"),
                Arguments.of("POST /v1/conversations HTTP/1.1\r\nContent-Length: abc", 400, "validation"),
                // Methods that are no token, and lines without one: answered at once, not waited on
                Arguments.of("G\u00c9T /v1/conversations HTTP/1.1", 400, "validation"),
                Arguments.of("GET\t/health/live HTTP/1.1", 400, "validation"),
                Arguments.of(" GET /health/live HTTP/1.1", 400, "validation"),
                Arguments.of("/v1/conversations", 400, "validation"),
                Arguments.of("GET", 400, "validation"),
                // Accept and Content-Type that are no media types
                Arguments.of("GET /v1/conversations HTTP/1.1\r\nAccept: a/b/c", 400, "validation"),
                Arguments.of("GET /v1/conversations HTTP/1.1\r\nAccept: application/json;q=x", 400, "validation"),
                Arguments.of(
                        "POST /v1/conversations HTTP/1.1\r\nContent-Type: a/b/c\r\nContent-Length: 0",
                        400,
                        "validation"),
                Arguments.of(
                        "POST /v1/conversations HTTP/1.1\r\nContent-Type: application/json; charset\r\nContent-Length: 0",
                        400,
                        "validation"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C0 AF", "E0 80 AF", "ED A0 80", "F4 90 80 80", "80", "F8 88 80 80 80", "E2 82"})
    default void aBodyThatIsNotWellFormedUtf8IsRefusedAndStoresNothing(String bytes) throws Exception {
        var target = server().target();
        long before = server().database().retention().counts().conversations();
        var body = new ByteArrayOutputStream();
        body.write("{\"title\":\"a".getBytes(StandardCharsets.US_ASCII));
        for (String hex : bytes.split(" ")) {
            body.write(Integer.parseInt(hex, 16));
        }
        body.write("b\"}".getBytes(StandardCharsets.US_ASCII));
        byte[] head = ("POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + target.token()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.size()
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.size());
        System.arraycopy(body.toByteArray(), 0, request, head.length, body.size());
        RawHttp.Reply reply = RawHttp.send(server().api().base(), request);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(Api.JSON.readTree(reply.body()).get("detail").asText()).contains("UTF-8");
        assertThat(server().database().retention().counts().conversations()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    default void malformedRequestsGetAProblemDocument(String head, int status, String kind) throws Exception {
        String request = head + "\r\nHost: localhost\r\nAuthorization: Bearer "
                + server().target().token() + "\r\nConnection: close\r\n\r\n";
        RawHttp.Reply reply = RawHttp.send(server().api().base(), request);
        assertThat(reply.timedOut()).as("the server answered and closed").isFalse();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = Api.JSON.readTree(reply.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:colloquy:problem:" + kind);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("at org.");
        assertThat(reply.body()).doesNotContainIgnoringCase("<html").doesNotContain("Grizzly");
    }

    /** Empty lines before a request line are skipped (RFC 9112 section 2.2), also between pipelined requests. */
    @Test
    default void emptyLinesBeforeARequestLineAreIgnored() throws Exception {
        String token = server().target().token();
        String body = "{\"title\":\"pipelined\"}";
        RawHttp.Reply reply = RawHttp.send(
                server().api().base(),
                "\r\n\r\nPOST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                        + "\r\nGET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(reply.timedOut()).as(reply.toString()).isFalse();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.body())
                .contains("\"title\":\"pipelined\"")
                .contains("HTTP/1.1 200")
                .contains("\"UP\"");
    }

    /**
     * A body shorter than its Content-Length (a client gone quiet, or one sending a byte now and
     * then) holds a worker no longer than HTTP_BODY_TIMEOUT (2 s in the fixture): then 408 as a
     * problem with {@code Connection: close}, and nothing stored.
     */
    @Test
    default void aBodyThatStopsArrivingIsAnswered408AndStoresNothing() throws Exception {
        var target = server().target();
        long before = server().database().retention().counts().messages();
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"never finished\"}]}";
        String request = "POST /v1/conversations/" + target.conversationId() + "/messages HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + target.token() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body.substring(0, 20);
        var base = server().api().base();
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            long started = System.nanoTime();
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            var in = socket.getInputStream();
            var received = new ByteArrayOutputStream();
            int headEnd = -1;
            int length = -1;
            while (headEnd < 0 || received.size() < headEnd + length) {
                int b = in.read();
                assertThat(b)
                        .as("the answer is complete before the connection ends")
                        .isNotNegative();
                received.write(b);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
                    headEnd = text.length();
                    var matcher = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                    assertThat(matcher.find()).as(text).isTrue();
                    length = Integer.parseInt(matcher.group(1));
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("answered after the body timeout, not the transport's 30 s")
                    .isLessThan(Duration.ofSeconds(10));
            String text = received.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 408 ").containsIgnoringCase("connection: close");
            JsonNode problem = Api.JSON.readTree(text.substring(headEnd));
            assertThat(problem.get("type").asText()).isEqualTo("urn:colloquy:problem:request-timeout");
            assertThat(problem.get("detail").asText()).contains("HTTP_BODY_TIMEOUT");
        }
        assertThat(server().database().retention().counts().messages()).isEqualTo(before);
    }
}
