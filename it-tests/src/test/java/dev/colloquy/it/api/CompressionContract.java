package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * gzip both ways: answers of 1 KiB and more to clients that accept it, and request bodies sent
 * with {@code Content-Encoding: gzip}, whose inflated size the body limit counts (a zip bomb is
 * a 413 and stores nothing).
 */
public interface CompressionContract extends ServerContract {

    private RawHttp.Reply send(String head, byte[] body) {
        byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return RawHttp.send(server().api().base(), request);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    /** The body's bytes, with chunked transfer coding removed. */
    private static byte[] body(RawHttp.Reply reply) {
        byte[] raw = reply.body().getBytes(StandardCharsets.ISO_8859_1);
        if (!"chunked".equalsIgnoreCase(reply.header("Transfer-Encoding"))) {
            return raw;
        }
        var out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int lineEnd = indexOf(raw, i);
            int size = Integer.parseInt(new String(raw, i, lineEnd - i, StandardCharsets.US_ASCII).strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(raw, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no line end after " + from);
    }

    @Test
    default void largeAnswersAreGzippedForClientsThatAcceptIt() throws Exception {
        String plain = server().api().get("/openapi", null).raw().body();
        assertThat(plain.length()).isGreaterThan(1024);

        RawHttp.Reply zipped = send(
                "GET /openapi HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n",
                new byte[0]);
        assertThat(zipped.status()).isEqualTo(200);
        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        byte[] compressed = body(zipped);
        assertThat(compressed.length).isLessThan(plain.length() / 3);
        String inflated = new String(
                new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(inflated).isEqualTo(plain);

        RawHttp.Reply small = send(
                "GET /health/ready HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n",
                new byte[0]);
        assertThat(small.header("Content-Encoding"))
                .as("under 1 KiB stays plain")
                .isNull();
        assertThat(small.body()).contains("\"status\":\"UP\"");
    }

    @Test
    default void gzippedRequestBodiesAreReadAndZipBombsRefused() throws Exception {
        String token = server().target().token();
        byte[] body = gzip("{\"title\":\"sent zipped\"}".getBytes(StandardCharsets.UTF_8));
        RawHttp.Reply created = send(
                "POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n",
                body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body()).contains("\"title\":\"sent zipped\"");

        long before = server().database().retention().counts().conversations();
        // 5 MB of spaces inside a title: 5 KB on the wire, past the fixture's 2,000,000-byte limit
        byte[] bomb = gzip(("{\"title\":\"" + " ".repeat(5_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(20_000);
        RawHttp.Reply refused = send(
                "POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                        + bomb.length + "\r\nConnection: close\r\n\r\n",
                bomb);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
        assertThat(refused.body()).contains("urn:colloquy:problem:payload-too-large");
        assertThat(server().database().retention().counts().conversations()).isEqualTo(before);
    }
}
