package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ETags on a conversation and its message pages: {@code If-None-Match} answers 304 while nothing
 * changed, and {@code If-Match} on PATCH, DELETE, PUT and POST of messages makes the change only
 * when the conversation still has the named ETag (else 412 and nothing changes).
 */
public interface ConditionalRequestContract extends ApiContract {

    String JSON = "application/json";

    private Api.Answer send(String method, String path, String token, String body, String header, String value) {
        return api().send(method, path, token, body == null ? null : JSON, body, Map.of(header, value));
    }

    private List<String> contents(String token, String conversation) {
        var contents = new ArrayList<String>();
        api().get("/v1/conversations/" + conversation + "/messages", token)
                .json()
                .get("items")
                .forEach(m -> contents.add(m.get("content").asText()));
        return contents;
    }

    @Test
    default void anETagStandsUntilTheConversationOrItsMessagesChange() {
        String token = projectToken();
        String id = createConversation(token, "{\"title\":\"tagged\"}");
        String path = "/v1/conversations/" + id;

        Api.Answer first = api().get(path, token);
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[0-9]+\"");
        Api.Answer unchanged = send("GET", path, token, null, "If-None-Match", etag);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.raw().body()).isEmpty();
        assertThat(unchanged.header("ETag")).isEqualTo(etag);

        Api.Answer page = api().get(path + "/messages", token);
        assertThat(page.header("ETag")).isEqualTo(etag);
        assertThat(send("GET", path + "/messages", token, null, "If-None-Match", etag)
                        .status())
                .isEqualTo(304);

        api().post(path + "/messages", token, "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");
        String afterAppend = api().get(path, token).header("ETag");
        assertThat(afterAppend).isNotEqualTo(etag);
        assertThat(send("GET", path, token, null, "If-None-Match", etag).status())
                .isEqualTo(200);
        assertThat(send("GET", path + "/messages", token, null, "If-None-Match", etag)
                        .status())
                .isEqualTo(200);

        Api.Answer renamed = api().patch(path, token, "{\"title\":\"renamed\"}");
        assertThat(renamed.header("ETag")).isNotIn(etag, afterAppend);
        assertThat(api().get(path, token).header("ETag")).isEqualTo(renamed.header("ETag"));

        api().put(path + "/messages", token, "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");
        assertThat(api().get(path, token).header("ETag")).isNotEqualTo(renamed.header("ETag"));
    }

    @Test
    default void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
        String token = projectToken();
        String id = createConversation(token, "{\"title\":\"guarded\"}");
        String path = "/v1/conversations/" + id;
        String stale = api().get(path, token).header("ETag");
        api().post(path + "/messages", token, "{\"messages\":[{\"role\":\"user\",\"content\":\"kept\"}]}");
        String current = api().get(path, token).header("ETag");

        var refused = List.of(
                send("PATCH", path, token, "{\"title\":\"lost update\"}", "If-Match", stale),
                send("DELETE", path, token, null, "If-Match", stale),
                send("PUT", path + "/messages", token, "{\"messages\":[]}", "If-Match", stale),
                send(
                        "POST",
                        path + "/messages",
                        token,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"late\"}]}",
                        "If-Match",
                        stale),
                send("GET", path, token, null, "If-Match", stale));
        for (Api.Answer answer : refused) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(412);
            assertThat(answer.problemType()).isEqualTo("urn:colloquy:problem:precondition-failed");
        }
        assertThat(api().get(path, token).json().get("title").asText()).isEqualTo("guarded");
        assertThat(contents(token, id)).containsExactly("kept");
        assertThat(api().get(path, token).header("ETag")).isEqualTo(current);

        Api.Answer patched = send("PATCH", path, token, "{\"title\":\"current\"}", "If-Match", current);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        String afterPatch = patched.header("ETag");
        Api.Answer appended = send(
                "POST",
                path + "/messages",
                token,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"on time\"}]}",
                "If-Match",
                afterPatch);
        assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
        assertThat(contents(token, id)).containsExactly("kept", "on time");
        assertThat(send("DELETE", path, token, null, "If-Match", "*").status()).isEqualTo(204);
        assertThat(send("DELETE", path, token, null, "If-Match", "*").status()).isEqualTo(404);
    }
}
