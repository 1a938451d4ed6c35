package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Browsers on the origins CORS_ORIGINS lists may call the API; others, and every origin by default, may not. */
class CorsTest {

    private static final String APP = "https://app.example.com";

    private static RawHttp.Reply preflight(ServerFixture server, String origin) {
        return RawHttp.send(
                server.api().base(),
                "OPTIONS /v1/conversations HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin
                        + "\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers:"
                        + " authorization, content-type, idempotency-key\r\nConnection: close\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void listedOriginsArePreflightedWithoutATokenAndSeeTheAnswers(String backend) throws Exception {
        try (var server = new ServerFixture(backend, Map.of("CORS_ORIGINS", APP + ", http://localhost:5173"))) {
            RawHttp.Reply allowed = preflight(server, APP);
            assertThat(allowed.status()).as(allowed.toString()).isEqualTo(204);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(allowed.header("Access-Control-Allow-Methods"))
                    .contains("POST")
                    .contains("PATCH");
            assertThat(allowed.header("Access-Control-Allow-Headers"))
                    .contains("Authorization")
                    .contains("Idempotency-Key")
                    .contains("If-Match")
                    .contains("If-None-Match");
            assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();

            String token = server.target().token();
            Api.Answer answer = server.api().send("GET", "/v1/tags", token, null, null, Map.of("Origin", APP));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(answer.header("Access-Control-Expose-Headers"))
                    .contains("X-Request-Id")
                    .contains("Location")
                    .contains("ETag")
                    .contains("Link");
            assertThat(answer.header("Vary")).contains("Origin");

            RawHttp.Reply stranger = preflight(server, "https://evil.example");
            assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
            assertThat(stranger.status()).isNotEqualTo(204);
            Api.Answer strangerGet =
                    server.api().send("GET", "/v1/tags", token, null, null, Map.of("Origin", "https://evil.example"));
            assertThat(strangerGet.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite"})
    void withoutCorsOriginsNoAnswerCarriesACorsHeader(String backend) throws Exception {
        try (var server = new ServerFixture(backend)) {
            RawHttp.Reply reply = preflight(server, APP);
            assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
            assertThat(reply.status()).isEqualTo(401);
            Api.Answer answer =
                    server.api().send("GET", "/v1/tags", server.target().token(), null, null, Map.of("Origin", APP));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
