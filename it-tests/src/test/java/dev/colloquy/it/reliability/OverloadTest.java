package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api;
import dev.colloquy.it.api.ServerFixture;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * More work than the server takes: a token past its rate limit gets 429 before any work, and a
 * request finding the worker queue full gets 503 at once instead of waiting behind it; both with
 * {@code Retry-After}, both leaving the health probes and other tokens served.
 */
class OverloadTest {

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aTokenPastItsRateLimitIsAnswered429UntilItsBucketRefills(String backend) throws Exception {
        try (var server = new ServerFixture(backend, Map.of("RATE_LIMIT_PER_MINUTE", "60", "RATE_LIMIT_BURST", "3"))) {
            Api api = server.api();
            String limited = server.target().token();
            String conversation = server.target().conversationId();
            long messagesBefore = server.database().retention().counts().messages();
            // the target's own setup made a few requests with this token: spend what is left
            Api.Answer refused = null;
            for (int i = 0; i < 5 && refused == null; i++) {
                Api.Answer answer = api.post(
                        "/v1/conversations/" + conversation + "/messages",
                        limited,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"m" + i + "\"}]}");
                if (answer.status() == 429) {
                    refused = answer;
                } else {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                }
            }
            long refusedAt = System.nanoTime();
            assertThat(refused)
                    .as("the fourth request within a second is refused")
                    .isNotNull();
            assertThat(refused.problemType()).isEqualTo("urn:colloquy:problem:too-many-requests");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.json().get("detail").asText()).contains("60 requests a minute");
            long stored = server.database().retention().counts().messages() - messagesBefore;
            assertThat(stored)
                    .as("only the requests answered 201 stored anything")
                    .isLessThanOrEqualTo(3);

            // other tokens and the probes are not limited by this token's bucket
            assertThat(api.get("/v1/projects", server.adminToken()).status()).isEqualTo(200);
            assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
            assertThat(api.get("/health/live", null).status()).isEqualTo(200);

            // one request a second refills: after the wait at least one passes, and no more than
            // the seconds since the refusal allow (up to the burst), however slow the machine is
            Thread.sleep(1_100);
            int allowed = 0;
            Api.Answer again = null;
            for (int i = 0; i < 10 && again == null; i++) {
                Api.Answer answer = api.get("/v1/tags", limited);
                if (answer.status() == 429) {
                    again = answer;
                } else {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                    allowed++;
                }
            }
            double seconds = (System.nanoTime() - refusedAt) / 1e9;
            assertThat(again).as("refused again once the refill is spent").isNotNull();
            assertThat(allowed)
                    .as("requests let through %.1f s after the refusal", seconds)
                    .isBetween(1, Math.min(3, (int) Math.floor(seconds) + 1));
        }
    }

    /**
     * Every worker busy and the queue full: writes wait for a SQLite write lock another process
     * holds (each up to the 5 s busy timeout), and a request past the queue's four places is
     * answered 503 at once.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite"})
    void aFullWorkerQueueAnswers503AtOnceAndTheServerRecovers(String backend) throws Exception {
        try (var server = new ServerFixture(backend, Map.of("HTTP_QUEUE_LIMIT", "4"))) {
            String token = server.target().token();
            var base = server.api().base();
            Process holder =
                    WriteLockHolder.hold(Path.of(server.url().substring("sqlite:".length())), Duration.ofSeconds(20));
            List<Socket> writers = new ArrayList<>();
            try {
                String body = "{\"title\":\"waits for the lock\"}";
                for (int i = 0; i < 64; i++) {
                    var socket = new Socket(base.getHost(), base.getPort());
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                                    + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    writers.add(socket);
                }
                Thread.sleep(500);
                Instant sent = Instant.now();
                Api.Answer busy = server.api().get("/v1/tags", token);
                assertThat(Duration.between(sent, Instant.now()))
                        .as("answered at once, not after a wait in the queue")
                        .isLessThan(Duration.ofSeconds(1));
                assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
                assertThat(busy.problemType()).isEqualTo("urn:colloquy:problem:unavailable");
                assertThat(busy.header("Retry-After")).isEqualTo("1");
                assertThat(busy.json().get("detail").asText()).contains("HTTP_QUEUE_LIMIT");
                assertThat(server.api().get("/health/live", null).status()).isEqualTo(200);
            } finally {
                holder.destroy();
                holder.waitFor(30, TimeUnit.SECONDS);
                for (Socket socket : writers) {
                    socket.close();
                }
            }
            Instant deadline = Instant.now().plusSeconds(30);
            int status = 0;
            while (Instant.now().isBefore(deadline) && status != 200) {
                status = server.api().get("/v1/tags", token).status();
                Thread.sleep(200);
            }
            assertThat(status).as("served again once the lock is gone").isEqualTo(200);
        }
    }
}
