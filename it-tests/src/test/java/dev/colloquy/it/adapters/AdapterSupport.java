package dev.colloquy.it.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api;
import dev.colloquy.it.api.ServerContract;
import java.util.UUID;

/** What the adapters' contracts need: the server, and a project of their own for each test. */
public interface AdapterSupport extends ServerContract {

    default Api api() {
        return server().api();
    }

    /** A new project with a non-admin token of its own. */
    default String projectToken() {
        String name = "adapter-" + UUID.randomUUID();
        var project = api().post("/v1/projects", server().adminToken(), "{\"name\":\"" + name + "\"}");
        assertThat(project.status()).as(project.toString()).isEqualTo(201);
        var token = api().post(
                        "/v1/projects/" + project.json().get("id").asText() + "/tokens",
                        server().adminToken(),
                        "{\"name\":\"t\"}");
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        return token.json().get("secret").asText();
    }
}
