package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests no client library would send — broken request lines, bad escapes, oversized heads —
 * each answered with a problem document and the right status, never HTML, never a stack trace,
 * and never a connection closed or left open without an answer.
 */
public interface MalformedRequestContract {

    ServerFixture server();

    static Stream<Arguments> malformed() {
        String big = "a".repeat(20_000);
        return Stream.of(
                Arguments.of("GET /v1/conversations?cursor=%%%garbage HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations?cursor=% HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations?x=%G1 HTTP/1.1", 400, "validation"),
                Arguments.of("GET /v1/conversations/%ZZ HTTP/1.1", 400, "validation"),
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
                Arguments.of("POST /v1/conversations HTTP/1.1\r\nContent-Length: abc", 400, "validation"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"C0 AF", "E0 80 AF", "ED A0 80", "F4 90 80 80", "80", "F8 88 80 80 80", "E2 82"})
    default void aBodyThatIsNotWellFormedUtf8IsRefusedAndStoresNothing(String bytes) throws Exception {
        var target = server().target();
        long before = server().database().retention().counts().conversations();
        var body = new java.io.ByteArrayOutputStream();
        body.write("{\"title\":\"a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (String hex : bytes.split(" ")) {
            body.write(Integer.parseInt(hex, 16));
        }
        body.write("b\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] head = ("POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + target.token()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.size()
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(head, head.length + body.size());
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
}
