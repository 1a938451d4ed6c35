package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api.Answer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: Prometheus text with the same names on both backends, open or behind its own token. */
public interface MetricsContract extends ApiContract {

    /** Every metric the service itself defines (the JVM's come on top). */
    Set<String> COLLOQUY_METRICS = Set.of(
            "http_server_requests_seconds",
            "colloquy_append_seconds",
            "colloquy_search_seconds",
            "colloquy_db_pool_connections",
            "colloquy_db_pool_max_connections",
            "colloquy_db_pool_timeouts_total",
            "colloquy_db_transaction_retries_total",
            "colloquy_messages",
            "colloquy_conversations",
            "colloquy_projects",
            "colloquy_db_size_bytes",
            "colloquy_db_disk_free_bytes",
            "colloquy_retention_runs_total",
            "colloquy_retention_failures_total",
            "colloquy_retention_purged_total");

    /** A scrape as Prometheus sends it. */
    static Answer scrape(Api api, String token) {
        return api.send(
                "GET",
                "/metrics",
                token,
                null,
                null,
                Map.of(
                        "Accept",
                        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
    }

    static Set<String> names(String text) {
        var names = new TreeSet<String>();
        text.lines().filter(l -> l.startsWith("# TYPE ")).forEach(l -> names.add(l.split(" ")[2]));
        return names;
    }

    @Test
    default void metricsCountRequestsByRouteTemplateAndShowTheDatabase() {
        String token = projectToken();
        String conversation = createConversation(token, "{\"title\":\"metered\"}");
        api().post(
                        "/v1/conversations/" + conversation + "/messages",
                        token,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}");
        api().post(
                        "/v1/keys/metered-key/messages",
                        token,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"me too\"}]}");
        api().get("/v1/search?q=count", token);
        api().get("/v1/conversations/" + conversation, token);

        Answer scraped = scrape(api(), null);
        assertThat(scraped.status()).as(scraped.toString()).isEqualTo(200);
        assertThat(scraped.contentType()).startsWith("text/plain");
        String text = scraped.raw().body();

        assertThat(names(text))
                .containsAll(COLLOQUY_METRICS)
                .contains("jvm_memory_used_bytes", "process_uptime_seconds");
        assertThat(text)
                .containsPattern(
                        "http_server_requests_seconds_count\\{method=\"POST\",route=\"/v1/conversations\",status=\"201\"\\} [1-9]")
                .containsPattern(
                        "http_server_requests_seconds_count\\{method=\"POST\",route=\"/v1/keys/\\{key\\}/messages\",status=\"201\"\\} [1-9]")
                .containsPattern(
                        "http_server_requests_seconds_count\\{method=\"GET\",route=\"/v1/conversations/\\{id\\}\",status=\"200\"\\} [1-9]")
                .containsPattern("colloquy_append_seconds_count [1-9]")
                .containsPattern("colloquy_search_seconds_count [1-9]")
                .containsPattern("colloquy_db_pool_connections\\{pool=\"[a-z]+\",state=\"idle\"\\} [0-9]")
                .containsPattern("colloquy_db_pool_max_connections\\{pool=\"[a-z]+\"\\} [1-9]")
                .contains("colloquy_db_transaction_retries_total{cause=\"busy\"}");
        // route labels are templates: no ids, keys or query strings
        assertThat(Pattern.compile("route=\"[^\"]*([0-9a-f]{8}-|metered-key|\\?)")
                        .matcher(text)
                        .find())
                .isFalse();
        // nothing secret or private
        assertThat(text).doesNotContain(token).doesNotContain("count me");
    }

    @Test
    default void theCountsAreThereWithoutAScrapeReadingATable() throws Exception {
        // The background count runs at start and every 60 s; its values are numbers once it has run.
        String text = "";
        for (int i = 0; i < 50; i++) {
            text = scrape(api(), null).raw().body();
            if (Pattern.compile("(?m)^colloquy_db_size_bytes [0-9]")
                            .matcher(text)
                            .find()
                    && Pattern.compile("(?m)^colloquy_projects [0-9]")
                            .matcher(text)
                            .find()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(text)
                .containsPattern("(?m)^colloquy_projects [1-9]")
                .containsPattern("(?m)^colloquy_conversations [0-9]")
                .containsPattern("(?m)^colloquy_messages [0-9]")
                .containsPattern("(?m)^colloquy_db_size_bytes [1-9]");
    }

    /**
     * The alert rules and the Grafana dashboard in docker/monitoring use only metrics the server
     * serves (a renamed metric would leave them silently empty).
     */
    @Test
    default void theAlertRulesAndTheDashboardUseOnlyServedMetrics() throws Exception {
        Set<String> served = names(scrape(api(), null).raw().body());
        var used = new TreeSet<String>();
        for (String file : java.util.List.of("colloquy-alerts.yml", "colloquy-dashboard.json")) {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docker", "monitoring", file));
            var matcher = Pattern.compile("\\b(colloquy_[a-z_]+|http_server_[a-z_]+|jvm_[a-z_]+)\\b")
                    .matcher(text);
            while (matcher.find()) {
                used.add(matcher.group(1).replaceAll("_(bucket|count|sum)$", ""));
            }
        }
        assertThat(used).hasSizeGreaterThan(10);
        assertThat(served).containsAll(used);
    }
}
