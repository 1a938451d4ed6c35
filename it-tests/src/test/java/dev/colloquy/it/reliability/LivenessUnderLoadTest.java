package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.it.api.ServerFixture;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every request worker is held by a client that sends its body slowly; {@code /health/live} still
 * answers at once, since it is served ahead of the worker pool.
 */
class LivenessUnderLoadTest {

    private static final int SLOW_CLIENTS = 64;

    @Test
    void livenessAnswersWhileSlowBodiesHoldEveryWorker() throws Exception {
        try (var server = new ServerFixture("sqlite")) {
            String token = server.target().token();
            var base = server.api().base();
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    var socket = new Socket(base.getHost(), base.getPort());
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"title\":\"")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(socket);
                }
                Thread.sleep(500);
                var client = HttpClient.newHttpClient();
                // The workers are all taken: a route served by them does not answer in time.
                assertThatThrownBy(() -> client.send(
                                HttpRequest.newBuilder(base.resolve("/v1/tags"))
                                        .header("Authorization", "Bearer " + token)
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                        .isInstanceOf(HttpTimeoutException.class);
                var live = client.send(
                        HttpRequest.newBuilder(base.resolve("/health/live"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(live.statusCode()).isEqualTo(200);
                assertThat(live.body()).contains("\"status\":\"UP\"").contains("\"backend\":\"sqlite\"");
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }
}
