package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.ServerFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HTTP_CONNECTIONS_PER_CLIENT: a client holding its limit of connections open (slow clients that
 * send nothing) gets its next connection answered at once with a 503 problem and closed; once one
 * closes, it connects again.
 */
class ConnectionsPerClientTest {

    private static String readAll(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    private static String get(Socket socket, String path) throws IOException {
        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        return readAll(socket);
    }

    @Test
    void aClientPastItsConnectionLimitIsAnswered503AtOnce() throws Exception {
        try (var server = new ServerFixture("sqlite", Map.of("HTTP_CONNECTIONS_PER_CLIENT", "4"))) {
            var base = server.api().base();
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    idle.add(new Socket(base.getHost(), base.getPort()));
                }
                Thread.sleep(200); // the server has accepted them
                long started = System.nanoTime();
                try (var fifth = new Socket(base.getHost(), base.getPort())) {
                    String answer = readAll(fifth);
                    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
                    assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: 1");
                    assertThat(answer)
                            .contains("urn:colloquy:problem:unavailable")
                            .contains("HTTP_CONNECTIONS_PER_CLIENT");
                }
                idle.remove(0).close();
                Thread.sleep(200); // the server has seen it close
                try (var again = new Socket(base.getHost(), base.getPort())) {
                    assertThat(get(again, "/health/live")).startsWith("HTTP/1.1 200");
                }
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }
}
