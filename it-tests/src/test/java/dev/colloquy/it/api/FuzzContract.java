package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.conversation.ConversationFilter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 3,000 generated requests across every route ({@link RequestFuzzer}, a fixed seed, so a failure
 * comes back on the next run): every one is answered, before the connection closes, with a
 * status below 500 (505 only for a request in another HTTP version) and, for an error, a problem
 * document; a refused request that would change something changed nothing (the database is
 * compared before and after it), and another project's data is the same at the end as at the start.
 */
public interface FuzzContract extends ServerContract {

    int REQUESTS = 3_000;
    long SEED = 20261201L;

    @Test
    default void generatedRequestsAreAnsweredWithoutServerErrorsAndRefusalsChangeNothing() throws Exception {
        Api api = server().api();
        String admin = server().adminToken();
        String name = "fuzz-" + UUID.randomUUID();
        Api.Answer project = api.post("/v1/projects", admin, "{\"name\":\"" + name + "\"}");
        String projectId = project.json().get("id").asText();
        String token = api.post("/v1/projects/" + projectId + "/tokens", admin, "{\"name\":\"fuzz\"}")
                .json()
                .get("secret")
                .asText();
        var conversations = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            String id = api.post("/v1/conversations", token, "{\"title\":\"fuzz " + i + "\",\"tags\":[\"f\"]}")
                    .json()
                    .get("id")
                    .asText();
            api.post(
                    "/v1/conversations/" + id + "/messages",
                    token,
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"walrus " + i + "\"}]}");
            conversations.add(id);
        }
        var stranger = server().target();
        String strangerBefore = dump(api, stranger.token());

        var fuzzer = new RequestFuzzer(
                SEED, new RequestFuzzer.Targets(token, admin, conversations, stranger.conversationId(), projectId));
        var failures = new ArrayList<String>();
        var statuses = new TreeMap<Integer, Integer>();
        UUID fuzzProject = UUID.fromString(projectId);
        for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
            RequestFuzzer.Generated request = fuzzer.next();
            String before = request.changes() ? state(fuzzProject) : null;
            RawHttp.Reply reply = RawHttp.send(api.base(), request.bytes());
            statuses.merge(reply.status(), 1, Integer::sum);
            String problem = check(request, reply);
            if (problem == null && before != null && reply.status() >= 400) {
                String after = state(fuzzProject);
                if (!after.equals(before)) {
                    problem = "a refused request changed the database: " + before + " -> " + after;
                }
            }
            if (problem != null) {
                failures.add("#" + i + " " + request + "\n    -> " + problem + "\n    answer: " + reply.status() + " "
                        + reply.headers() + " " + abbreviated(reply.body()));
            }
        }
        System.out.println("Fuzzed " + REQUESTS + " requests (seed " + SEED + "), answers by status: " + statuses);
        assertThat(failures).as("requests answered wrongly (seed %d)", SEED).isEmpty();
        // The requests reach every layer: the routes' successes and each kind of refusal.
        assertThat(statuses.keySet())
                .as("answers by status: %s", statuses)
                .contains(200, 201, 204, 400, 401, 403, 404, 405, 406, 415, 422);
        assertThat(dump(api, stranger.token()))
                .as("another project's conversations and messages")
                .isEqualTo(strangerBefore);
        assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
    }

    /** What is wrong with the answer, or null. */
    private static String check(RequestFuzzer.Generated request, RawHttp.Reply reply) {
        if (reply.timedOut() || reply.status() == 0) {
            return "no complete answer before the connection " + (reply.timedOut() ? "timed out" : "closed");
        }
        int status = reply.status();
        if (status >= 500 && !(status == 505 && request.badVersion())) {
            return "a server error";
        }
        if (status >= 400 && !request.method().equals("HEAD")) {
            String type = reply.header("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
                return "an error without a problem document";
            }
            try {
                JsonNode document = Api.JSON.readTree(reply.body());
                if (document.path("status").asInt() != status
                        || !document.path("type").asText().startsWith("urn:colloquy:problem:")) {
                    return "a problem document that does not match the status";
                }
            } catch (Exception e) {
                return "a problem document that is not JSON";
            }
        }
        String body = reply.body();
        if (body.contains("<html") || body.contains("Exception") || body.contains("\tat ")) {
            return "an answer showing internals";
        }
        return null;
    }

    /** The fuzzed project's state and the database's totals: anything a write could change. */
    private String state(UUID project) {
        var database = server().database();
        var text = new StringBuilder(database.retention().counts().toString());
        var filter = ConversationFilter.all();
        while (true) {
            var page = database.conversations().list(project, filter);
            page.items()
                    .forEach(c -> text.append('|')
                            .append(c.id())
                            .append(' ')
                            .append(c.updatedAt())
                            .append(' ')
                            .append(c.messageCount())
                            .append(' ')
                            .append(c.title().orElse(""))
                            .append(' ')
                            .append(c.tags())
                            .append(' ')
                            .append(c.metadata()));
            if (page.nextCursor().isEmpty()) {
                return text.toString();
            }
            filter = filter.after(page.nextCursor().get());
        }
    }

    /** Every conversation of the token's project with every message, as the API gives them. */
    private static String dump(Api api, String token) {
        var text = new StringBuilder();
        Api.Answer list = api.get("/v1/conversations?limit=1000", token);
        text.append(list.raw().body());
        for (JsonNode conversation : list.json().get("items")) {
            text.append(api.get("/v1/conversations/" + conversation.get("id").asText() + "/messages?last=1000", token)
                    .raw()
                    .body());
        }
        return text.toString();
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
