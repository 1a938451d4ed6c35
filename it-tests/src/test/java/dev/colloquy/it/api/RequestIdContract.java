package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code X-Request-Id}: the client's when acceptable, else one the server makes; echoed in answers and problems. */
public interface RequestIdContract extends ServerContract {

    private Api.Answer get(String path, String token, String requestId) {
        return server().api().send("GET", path, token, null, null, Map.of("X-Request-Id", requestId));
    }

    @Test
    default void aClientsRequestIdIsEchoedInTheAnswerAndTheProblem() {
        String token = server().target().token();
        Api.Answer ok = get("/v1/tags", token, "client-1.2:3/abc@x+y=z~_");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("X-Request-Id")).isEqualTo("client-1.2:3/abc@x+y=z~_");

        Api.Answer problem = get("/v1/conversations/not-a-uuid", token, "trace-42");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.header("X-Request-Id")).isEqualTo("trace-42");
        assertThat(problem.json().get("requestId").asText()).isEqualTo("trace-42");

        Api.Answer unauthorized = get("/v1/tags", null, "no-token-7");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.json().get("requestId").asText()).isEqualTo("no-token-7");
    }

    @Test
    default void anUnacceptableOrMissingRequestIdIsReplacedByANewOne() {
        String token = server().target().token();
        for (String bad : new String[] {"x".repeat(129), "has space", "quote\"d", "semi;colon", "caf\u00e9"}) {
            Api.Answer answer = get("/v1/conversations/not-a-uuid", token, bad);
            String id = answer.header("X-Request-Id");
            assertThat(id).as("for %s", bad).isNotEqualTo(bad);
            assertThat(UUID.fromString(id)).isNotNull();
            assertThat(answer.json().get("requestId").asText()).isEqualTo(id);
        }
        String first = server().api().get("/v1/tags", token).header("X-Request-Id");
        String second = server().api().get("/v1/tags", token).header("X-Request-Id");
        assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
        assertThat(get("/v1/tags", token, "x".repeat(128)).header("X-Request-Id"))
                .isEqualTo("x".repeat(128));
    }
}
