package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.it.api.Api.Answer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The REST API over a real HTTP server, the same on every backend. */
public interface ApiContract extends ServerContract {

    default Api api() {
        return server().api();
    }

    default String admin() {
        return server().adminToken();
    }

    /** A new project with a non-admin token of its own. */
    default String projectToken() {
        String name = "api-" + UUID.randomUUID();
        Answer project = api().post("/v1/projects", admin(), "{\"name\":\"" + name + "\"}");
        assertThat(project.status()).as(project.toString()).isEqualTo(201);
        Answer token = api().post(
                        "/v1/projects/" + project.json().get("id").asText() + "/tokens", admin(), "{\"name\":\"t\"}");
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        return token.json().get("secret").asText();
    }

    default String createConversation(String token, String body) {
        Answer created = api().post("/v1/conversations", token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    default void conversationLifecycleOverHttp() {
        String token = projectToken();
        Answer created = api().post(
                        "/v1/conversations",
                        token,
                        "{\"title\":\"Trip\",\"metadata\":{\"user\":\"u1\",\"n\":2},\"tags\":[\"Travel\",\"work\"]}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).endsWith("/v1/conversations/" + id);
        assertThat(created.json().get("title").asText()).isEqualTo("Trip");
        assertThat(created.json().get("tags")).hasToString("[\"travel\",\"work\"]");
        assertThat(created.json().get("messageCount").asInt()).isZero();
        assertThat(Instant.parse(created.json().get("createdAt").asText())).isNotNull();

        Answer read = api().get("/v1/conversations/" + id, token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());

        Answer patched = api().patch(
                        "/v1/conversations/" + id,
                        token,
                        "{\"title\":null,\"metadata\":{\"n\":null,\"extra\":true},\"tags\":[\"solo\"]}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("title").isNull()).isTrue();
        assertThat(patched.json().get("metadata")).hasToString("{\"user\":\"u1\",\"extra\":true}");
        assertThat(patched.json().get("tags")).hasToString("[\"solo\"]");

        Answer deleted = api().delete("/v1/conversations/" + id, token);
        assertThat(deleted.status()).isEqualTo(204);
        Answer gone = api().get("/v1/conversations/" + id, token);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(gone.problemType()).isEqualTo("urn:colloquy:problem:not-found");
    }

    @Test
    default void listingFiltersAndPagesOverHttp() {
        String token = projectToken();
        var ids = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            ids.add(createConversation(
                    token, "{\"tags\":[\"t" + (i % 2) + "\"],\"metadata\":{\"i\":" + i + ",\"k\":\"v" + i + "\"}}"));
        }

        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            Answer page = api().get("/v1/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).hasSize(5);

        // The same pages through Link headers, filters kept: t0 has three conversations.
        var linked = new ArrayList<String>();
        String next = "/v1/conversations?tag=t0&limit=2";
        int pages = 0;
        while (next != null) {
            Answer page = api().get(next, token);
            page.json().get("items").forEach(item -> linked.add(item.get("id").asText()));
            String link = page.header("Link");
            if (page.json().get("nextCursor").isNull()) {
                assertThat(link).as("no Link on the last page").isNull();
                next = null;
            } else {
                assertThat(link)
                        .startsWith("</v1/conversations?")
                        .endsWith(">; rel=\"next\"")
                        .contains("tag=t0");
                assertThat(link)
                        .contains("cursor=" + page.json().get("nextCursor").asText());
                next = link.substring(1, link.indexOf('>'));
            }
            pages++;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(linked).containsExactlyInAnyOrder(ids.get(0), ids.get(2), ids.get(4));

        assertThat(ids(api().get("/v1/conversations?tag=T1", token))).containsExactlyInAnyOrder(ids.get(1), ids.get(3));
        assertThat(ids(api().get("/v1/conversations?meta.k=v2", token))).containsExactly(ids.get(2));
        assertThat(ids(api().get("/v1/conversations?meta.i=4&tag=t0", token))).containsExactly(ids.get(4));
        // The documented form, repeatable; and the bracket form, raw and percent-encoded.
        assertThat(ids(api().get("/v1/conversations?metadata=k%3Dv2", token))).containsExactly(ids.get(2));
        assertThat(ids(api().get("/v1/conversations?metadata=i=4&metadata=k=v4&tag=t0", token)))
                .containsExactly(ids.get(4));
        assertThat(ids(api().get("/v1/conversations?metadata=i=4&metadata=k=v3", token)))
                .isEmpty();
        var raw = RawHttp.send(
                api().base(),
                "GET /v1/conversations?meta[k]=v2 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nConnection: close\r\n\r\n");
        assertThat(raw.status()).as(raw.toString()).isEqualTo(200);
        assertThat(raw.body()).contains(ids.get(2)).doesNotContain(ids.get(4));
        assertThat(ids(api().get("/v1/conversations?meta%5Bi%5D=4&tag=t0", token)))
                .containsExactly(ids.get(4));
        assertThat(ids(api().get("/v1/conversations?updatedSince=2999-01-01T00:00:00Z", token)))
                .isEmpty();

        Answer tags = api().get("/v1/tags", token);
        assertThat(tags.json().get("items"))
                .hasToString("[{\"name\":\"t0\",\"conversations\":3},{\"name\":\"t1\",\"conversations\":2}]");
    }

    private static List<String> ids(Answer page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        var ids = new ArrayList<String>();
        page.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    default void messagesAppendReplaceReadAndSearchOverHttp() {
        String token = projectToken();
        String id = createConversation(token, "{\"title\":\"Penguin facts\"}");
        String path = "/v1/conversations/" + id + "/messages";

        Answer appended = api().post(
                        path,
                        token,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about emperor penguins\"},"
                                + "{\"role\":\"assistant\",\"content\":\"\",\"metadata\":{\"toolCalls\":[{\"name\":\"lookup\"}]}},"
                                + "{\"role\":\"tool\",\"content\":\"Emperor penguins dive to 500 m\"}]}");
        assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
        assertThat(appended.json().get("items")).hasSize(3);
        JsonNode first = appended.json().get("items").get(0);
        assertThat(first.get("seq").asInt()).isEqualTo(1);
        assertThat(first.get("conversationId").asText()).isEqualTo(id);
        assertThat(first.get("role").asText()).isEqualTo("user");

        assertThat(seqs(api().get(path + "?last=2", token))).containsExactly(2, 3);
        assertThat(seqs(api().get(path + "?after=1&limit=1", token))).containsExactly(2);
        assertThat(seqs(api().get(path + "?before=3&limit=5", token))).containsExactly(1, 2);
        assertThat(seqs(api().get(path, token))).containsExactly(1, 2, 3);

        Answer search = api().get("/v1/search?q=penguin*", token);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json().get("items")).hasSize(3);
        assertThat(search.json().get("capped").asBoolean()).isFalse();
        var scores = new ArrayList<Double>();
        search.json().get("items").forEach(item -> scores.add(item.get("score").asDouble()));
        assertThat(scores).allSatisfy(score -> assertThat(score).isPositive());
        assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());
        Answer byRole = api().get("/v1/search?q=emperor&role=tool&conversationId=" + id + "&limit=5", token);
        assertThat(byRole.json().get("items")).hasSize(1);
        JsonNode hit = byRole.json().get("items").get(0);
        assertThat(hit.get("kind").asText()).isEqualTo("message");
        assertThat(hit.get("seq").asInt()).isEqualTo(3);
        assertThat(hit.get("snippet").asText()).contains("Emperor");
        assertThat(hit.get("messageId").asText()).isNotBlank();

        Answer replaced =
                api().put(path, token, "{\"messages\":[{\"role\":\"system\",\"content\":\"summary: penguins\"}]}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(seqs(replaced)).containsExactly(1);
        assertThat(api().get("/v1/conversations/" + id, token)
                        .json()
                        .get("messageCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(api().get("/v1/search?q=dive", token).json().get("items")).isEmpty();
    }

    private static List<Integer> seqs(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
        var seqs = new ArrayList<Integer>();
        answer.json().get("items").forEach(item -> seqs.add(item.get("seq").asInt()));
        return seqs;
    }

    @Test
    default void projectsAndTokensAreManagedByAdminTokens() {
        Answer project = api().post("/v1/projects", admin(), "{\"name\":\"acme-" + UUID.randomUUID() + "\"}");
        assertThat(project.status()).isEqualTo(201);
        String projectId = project.json().get("id").asText();
        assertThat(project.header("Location")).endsWith("/v1/projects/" + projectId);
        assertThat(api().get("/v1/projects", admin()).json().get("items").toString())
                .contains(projectId);

        Answer issued =
                api().post("/v1/projects/" + projectId + "/tokens", admin(), "{\"name\":\"ci\",\"admin\":false}");
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().get("secret").asText();
        String tokenId = issued.json().get("id").asText();
        assertThat(secret).startsWith("cq_");
        Answer listed = api().get("/v1/projects/" + projectId + "/tokens", admin());
        assertThat(listed.json().get("items")).hasSize(1);
        assertThat(listed.raw().body()).doesNotContain(secret);
        assertThat(listed.json().get("items").get(0).has("secret"))
                .as("a listed token has no secret field")
                .isFalse();

        createConversation(secret, "{}");
        assertThat(api().get("/v1/projects", secret).status()).isEqualTo(403);
        assertThat(api().get("/v1/projects", secret).problemType()).isEqualTo("urn:colloquy:problem:forbidden");

        assertThat(api().delete("/v1/tokens/" + tokenId, admin()).status()).isEqualTo(204);
        Answer revoked = api().get("/v1/conversations", secret);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.problemType()).isEqualTo("urn:colloquy:problem:unauthorized");

        assertThat(api().delete("/v1/projects/" + projectId, admin()).status()).isEqualTo(204);
        assertThat(api().get("/v1/projects/" + projectId + "/tokens", admin()).status())
                .isEqualTo(404);
    }

    @Test
    default void aTokenCannotDeleteItsOwnProject() {
        Answer projects = api().get("/v1/projects", admin());
        String own = null;
        for (JsonNode p : projects.json().get("items")) {
            if (p.get("name").asText().equals("default")) {
                own = p.get("id").asText();
            }
        }
        assertThat(own).isNotNull();
        Answer refused = api().delete("/v1/projects/" + own, admin());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemType()).isEqualTo("urn:colloquy:problem:conflict");
    }

    @Test
    default void authenticationIsRequiredAndScopedToTheProject() throws InterruptedException {
        String mine = projectToken();
        String theirs = projectToken();
        String id = createConversation(mine, "{\"title\":\"private\"}");

        for (Answer answer : List.of(
                api().get("/v1/conversations", null),
                api().send("GET", "/v1/conversations", null, null, null),
                api().get("/v1/conversations", "cq_not-a-real-token"),
                api().send("GET", "/v1/conversations", null, null, null))) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
        var basic = api().send("GET", "/v1/tags", null, null, null);
        assertThat(basic.status()).isEqualTo(401);

        assertThat(api().get("/v1/conversations/" + id, theirs).status()).isEqualTo(404);
        assertThat(api().delete("/v1/conversations/" + id, theirs).status()).isEqualTo(404);
        assertThat(api().post(
                                "/v1/conversations/" + id + "/messages",
                                theirs,
                                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                        .status())
                .isEqualTo(404);
        assertThat(ids(api().get("/v1/conversations", theirs))).isEmpty();
        assertThat(api().get("/v1/conversations/" + id, mine).status()).isEqualTo(200);

        Answer project = api().post("/v1/projects", admin(), "{\"name\":\"exp-" + UUID.randomUUID() + "\"}");
        Answer expiring = api().post(
                        "/v1/projects/" + project.json().get("id").asText() + "/tokens",
                        admin(),
                        "{\"name\":\"short\",\"expiresAt\":\"" + Instant.now().plusMillis(1500) + "\"}");
        assertThat(expiring.status()).as(expiring.toString()).isEqualTo(201);
        String shortLived = expiring.json().get("secret").asText();
        assertThat(api().get("/v1/tags", shortLived).status()).isEqualTo(200);
        Thread.sleep(1700);
        assertThat(api().get("/v1/tags", shortLived).status()).isEqualTo(401);
    }

    @Test
    default void healthAndOpenApiNeedNoToken() {
        Answer live = api().get("/health/live", null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asText()).isEqualTo("UP");
        assertThat(live.json().get("schemaVersion").asText()).isEqualTo("7");
        Answer ready = api().get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("backend").asText()).isIn("sqlite", "postgres");
        Answer openapi = api().get("/openapi", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().get("openapi").asText()).startsWith("3.");
    }

    @Test
    default void locationIsARelativeReferenceWhateverTheHostHeaderSays() throws Exception {
        String token = server().target().token();
        var reply = RawHttp.send(
                api().base(),
                "POST /v1/conversations HTTP/1.1\r\nHost: attacker.example\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        String id = Api.JSON.readTree(reply.body()).get("id").asText();
        assertThat(reply.header("Location")).isEqualTo("/v1/conversations/" + id);
    }

    @Test
    default void unknownRoutesAndMethodsAnswerProblems() {
        Answer missing = api().get("/v1/nothing-here", admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        Answer wrongMethod = api().send("PUT", "/v1/tags", admin(), "application/json", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.problemType()).isEqualTo("urn:colloquy:problem:method-not-allowed");
    }
}
