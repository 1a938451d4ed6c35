package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api.Answer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** METRICS_TOKEN guards /metrics with a token of its own (API tokens do not open it); METRICS=off turns it off. */
class MetricsSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aMetricsTokenGuardsTheMetrics(String backend) {
        String secret = "metrics-secret-0123456789-abcdefghij";
        try (var server = new ServerFixture(backend, Map.of("METRICS_TOKEN", secret))) {
            Answer anonymous = MetricsContract.scrape(server.api(), null);
            assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
            assertThat(anonymous.problemType()).isEqualTo("urn:colloquy:problem:unauthorized");
            assertThat(MetricsContract.scrape(server.api(), server.adminToken()).status())
                    .isEqualTo(401);
            Answer allowed = MetricsContract.scrape(server.api(), secret);
            assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
            assertThat(MetricsContract.names(allowed.raw().body())).containsAll(MetricsContract.COLLOQUY_METRICS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void metricsOffAnswers404(String backend) {
        try (var server = new ServerFixture(backend, Map.of("METRICS", "off"))) {
            Answer answer = MetricsContract.scrape(server.api(), null);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.json().get("detail").asText()).contains("METRICS=off");
        }
    }
}
