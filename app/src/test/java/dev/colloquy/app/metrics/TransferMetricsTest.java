package dev.colloquy.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.transfer.Progress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferMetricsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void theFileFollowsTheStepsAndEndsWithTheOutcome(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("copy.prom");
        try (var metrics = TransferMetrics.start("copy", Progress.NONE, Optional.of(file), CLOCK)) {
            assertThat(Files.readString(file))
                    .contains("colloquy_transfer_running{operation=\"copy\"} 1.0")
                    .contains("colloquy_transfer_succeeded{operation=\"copy\"} 0.0")
                    .contains("colloquy_transfer_start_time_seconds{operation=\"copy\"} 1.7962056E9");
            metrics.begin("copy", "message", 250);
            metrics.advance(100);
            metrics.advance(200);
            metrics.end(250);
            metrics.begin("verify", "message", -1);
            metrics.end(250);
            String text = Files.readString(file);
            assertThat(text)
                    .contains("colloquy_transfer_rows_total{operation=\"copy\",step=\"copy\",table=\"message\"} 250.0")
                    .contains(
                            "colloquy_transfer_rows_total{operation=\"copy\",step=\"verify\",table=\"message\"} 250.0")
                    .contains(
                            "colloquy_transfer_rows_expected{operation=\"copy\",step=\"copy\",table=\"message\"} 250.0")
                    .contains(
                            "colloquy_transfer_rows_expected{operation=\"copy\",step=\"verify\",table=\"message\"} -1.0")
                    .contains("colloquy_transfer_running{operation=\"copy\"} 1.0");
            metrics.finish(true);
        }
        assertThat(Files.readString(file))
                .contains("colloquy_transfer_running{operation=\"copy\"} 0.0")
                .contains("colloquy_transfer_succeeded{operation=\"copy\"} 1.0")
                .contains("colloquy_transfer_end_time_seconds{operation=\"copy\"} 1.7962056E9");
        try (var stream = Files.list(folder)) {
            assertThat(stream).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void closedWithoutFinishingIsAFailureAndTheStepsPassTheirProgressOn(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("import.prom");
        var seen = new StringBuilder();
        Progress shown = new Progress() {
            @Override
            public void begin(String step, String table, long total) {
                seen.append("begin ")
                        .append(step)
                        .append(' ')
                        .append(table)
                        .append(' ')
                        .append(total)
                        .append(';');
            }

            @Override
            public void advance(long done) {
                seen.append("advance ").append(done).append(';');
            }

            @Override
            public void end(long done) {
                seen.append("end ").append(done).append(';');
            }
        };
        try (var metrics = TransferMetrics.start("import", shown, Optional.of(file), CLOCK)) {
            metrics.begin("import", "conversation", -1);
            metrics.advance(3);
            metrics.end(4);
        }
        assertThat(seen).hasToString("begin import conversation -1;advance 3;end 4;");
        assertThat(Files.readString(file))
                .contains("colloquy_transfer_running{operation=\"import\"} 0.0")
                .contains("colloquy_transfer_succeeded{operation=\"import\"} 0.0")
                .contains(
                        "colloquy_transfer_rows_total{operation=\"import\",step=\"import\",table=\"conversation\"} 4.0");
    }

    @Test
    void servedOnItsPortWhileTheCommandRuns() throws Exception {
        var client = HttpClient.newHttpClient();
        URI base;
        try (var metrics = TransferMetrics.start("export", Progress.NONE, Optional.empty(), CLOCK)) {
            metrics.serve(0);
            base = URI.create("http://127.0.0.1:" + metrics.port().orElseThrow());
            metrics.begin("export", "message", 10);
            metrics.advance(7);
            var answer = client.send(
                    HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue(TransferMetrics.PROMETHEUS_TEXT);
            assertThat(answer.body())
                    .contains(
                            "colloquy_transfer_rows_total{operation=\"export\",step=\"export\",table=\"message\"} 7.0")
                    .contains("# TYPE colloquy_transfer_rows_total counter");
            assertThat(client.send(
                                    HttpRequest.newBuilder(base.resolve("/other"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(404);
            assertThat(client.send(
                                    HttpRequest.newBuilder(base.resolve("/metrics"))
                                            .DELETE()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(405);
        }
        URI stopped = base.resolve("/metrics");
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(stopped).build(), HttpResponse.BodyHandlers.discarding()))
                .as("the port is closed with the command")
                .isInstanceOf(IOException.class);
    }
}
