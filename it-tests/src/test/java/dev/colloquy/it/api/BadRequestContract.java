package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.Api.Answer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests of every kind: each gets its documented 4xx problem and changes nothing. */
public interface BadRequestContract extends ServerContract {

    /**
     * One bad request. In the path, {@code {c}} stands for an existing conversation of the target
     * project. {@code auth} is {@code project}, {@code admin} or {@code none}.
     */
    record Bad(
            String name,
            String method,
            String path,
            String auth,
            String contentType,
            String body,
            int status,
            String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    String JSON = "application/json";

    static Bad post(String name, String path, String body, int status, String type) {
        return new Bad(name, "POST", path, "project", JSON, body, status, type);
    }

    static Bad get(String name, String path, int status, String type) {
        return new Bad(name, "GET", path, "project", null, null, status, type);
    }

    static Bad patch(String name, String body) {
        return new Bad(
                name,
                "PATCH",
                "/v1/conversations/{c}",
                "project",
                "application/merge-patch+json",
                body,
                400,
                "validation");
    }

    static Bad conversation(String name, String body) {
        return post(name, "/v1/conversations", body, 400, "validation");
    }

    static Bad messages(String name, String body) {
        return post(name, "/v1/conversations/{c}/messages", body, 400, "validation");
    }

    static String message(String role, String content) {
        return "{\"messages\":[{\"role\":\"" + role + "\",\"content\":\"" + content + "\"}]}";
    }

    static Stream<Bad> badRequests() {
        String bigContent = "x".repeat(1024 * 1024 + 1);
        String bigMetadata = "{\"k\":\"" + "m".repeat(64 * 1024) + "\"}";
        var tooManyTags = new ArrayList<String>();
        for (int i = 0; i < 51; i++) {
            tooManyTags.add("\"t" + i + "\"");
        }
        String tooManyMessages = "{\"messages\":["
                + String.join(",", Collections.nCopies(1001, "{\"role\":\"user\",\"content\":\"x\"}")) + "]}";
        String random = UUID.randomUUID().toString();
        return Stream.of(
                conversation("no body", ""),
                conversation("a body of whitespace", "  \n "),
                conversation("a null body", "null"),
                conversation("malformed JSON: open brace", "{"),
                conversation("malformed JSON: plain text", "not json"),
                conversation("malformed JSON: trailing comma", "{\"title\":\"a\",}"),
                conversation("malformed JSON: trailing data", "{\"title\":\"a\"} {}"),
                conversation("malformed JSON: duplicate key", "{\"title\":\"a\",\"title\":\"b\"}"),
                conversation("wrong shape: array body", "[]"),
                conversation("wrong shape: string body", "\"text\""),
                conversation("wrong type: title number", "{\"title\":5}"),
                conversation("wrong type: title boolean", "{\"title\":true}"),
                conversation("wrong type: title object", "{\"title\":{}}"),
                conversation("wrong type: tags string", "{\"tags\":\"a\"}"),
                conversation("wrong type: tag number", "{\"tags\":[1]}"),
                conversation("wrong type: tag null", "{\"tags\":[null]}"),
                conversation("wrong type: metadata array", "{\"metadata\":[]}"),
                conversation("wrong type: metadata string", "{\"metadata\":\"x\"}"),
                conversation("wrong type: metadata number", "{\"metadata\":5}"),
                conversation("unknown field: titel", "{\"titel\":\"a\"}"),
                conversation("unknown field: id", "{\"id\":\"" + random + "\"}"),
                conversation("NUL in title", "{\"title\":\"a\\u0000b\"}"),
                conversation("NUL in tag", "{\"tags\":[\"a\\u0000\"]}"),
                conversation("NUL in metadata value", "{\"metadata\":{\"k\":\"\\u0000\"}}"),
                conversation("NUL in metadata key", "{\"metadata\":{\"\\u0000\":1}}"),
                conversation("unpaired surrogate in title", "{\"title\":\"\\ud800\"}"),
                conversation("title too long", "{\"title\":\"" + "t".repeat(501) + "\"}"),
                conversation("metadata too large", "{\"metadata\":" + bigMetadata + "}"),
                conversation("metadata number out of range", "{\"metadata\":{\"n\":1e999}}"),
                conversation("too many tags", "{\"tags\":[" + String.join(",", tooManyTags) + "]}"),
                conversation("tag too long", "{\"tags\":[\"" + "t".repeat(65) + "\"]}"),
                conversation("blank tag", "{\"tags\":[\"  \"]}"),
                messages(
                        "unknown field in a message",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"extra\":1}]}"),
                messages("unknown field beside messages", "{\"messages\":[],\"more\":1}"),
                messages("NUL in content", message("user", "a\\u0000")),
                messages("content too large", message("user", bigContent)),
                messages("too many messages", tooManyMessages),
                messages("unknown role", message("wizard", "x")),
                messages("role in capitals", message("USER", "x")),
                messages("role missing", "{\"messages\":[{\"content\":\"x\"}]}"),
                messages("role a number", "{\"messages\":[{\"role\":5,\"content\":\"x\"}]}"),
                messages("content missing", "{\"messages\":[{\"role\":\"user\"}]}"),
                messages("content a number", "{\"messages\":[{\"role\":\"user\",\"content\":1}]}"),
                messages("messages missing", "{}"),
                messages("messages an object", "{\"messages\":{}}"),
                messages("messages holding null", "{\"messages\":[null]}"),
                messages("no messages to append", "{\"messages\":[]}"),
                messages(
                        "message metadata an array",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"metadata\":[]}]}"),
                new Bad(
                        "replace with an unknown role",
                        "PUT",
                        "/v1/conversations/{c}/messages",
                        "project",
                        JSON,
                        message("robot", "x"),
                        400,
                        "validation"),
                patch("merge patch an array", "[]"),
                patch("merge patch a string", "\"x\""),
                patch("merge patch malformed", "{\"title\":"),
                patch("merge patch title number", "{\"title\":5}"),
                patch("merge patch metadata array", "{\"metadata\":[1]}"),
                patch("merge patch tags string", "{\"tags\":\"x\"}"),
                patch("merge patch tag number", "{\"tags\":[1]}"),
                patch("merge patch unknown field", "{\"messageCount\":1}"),
                patch("merge patch NUL in title", "{\"title\":\"\\u0000\"}"),
                new Bad(
                        "bad UUID: get",
                        "GET",
                        "/v1/conversations/not-a-uuid",
                        "project",
                        null,
                        null,
                        400,
                        "validation"),
                new Bad(
                        "bad UUID: patch",
                        "PATCH",
                        "/v1/conversations/123",
                        "project",
                        "application/merge-patch+json",
                        "{}",
                        400,
                        "validation"),
                new Bad(
                        "bad UUID: delete",
                        "DELETE",
                        "/v1/conversations/zzz",
                        "project",
                        null,
                        null,
                        400,
                        "validation"),
                post("bad UUID: append", "/v1/conversations/bad/messages", message("user", "x"), 400, "validation"),
                get("bad UUID: search filter", "/v1/search?q=x&conversationId=bad", 400, "validation"),
                new Bad("bad UUID: revoke", "DELETE", "/v1/tokens/bad", "admin", null, null, 400, "validation"),
                get("unknown conversation", "/v1/conversations/" + random, 404, "not-found"),
                get("negative limit", "/v1/conversations?limit=-1", 400, "validation"),
                get("zero limit", "/v1/conversations?limit=0", 400, "validation"),
                get("zero search limit", "/v1/search?q=x&limit=0", 400, "validation"),
                get("zero limit after a seq", "/v1/conversations/{c}/messages?after=0&limit=0", 400, "validation"),
                get("zero limit before a seq", "/v1/conversations/{c}/messages?before=5&limit=0", 400, "validation"),
                get("last beyond the largest page", "/v1/conversations/{c}/messages?last=1001", 400, "validation"),
                get("huge limit", "/v1/conversations?limit=1001", 400, "validation"),
                get("limit not a number", "/v1/conversations?limit=abc", 400, "validation"),
                get("limit beyond an int", "/v1/conversations?limit=99999999999", 400, "validation"),
                get("garbage cursor", "/v1/conversations?cursor=garbage", 400, "validation"),
                get("forged cursor", "/v1/conversations?cursor=YzE6MTox", 400, "validation"),
                get("updatedSince not an instant", "/v1/conversations?updatedSince=yesterday", 400, "validation"),
                get(
                        "updatedSince in year 300,000",
                        "/v1/conversations?updatedSince=%2B300000-01-01T00:00:00Z",
                        400,
                        "validation"),
                get(
                        "updatedSince before year 1",
                        "/v1/conversations?updatedSince=-0005-01-01T00:00:00Z",
                        400,
                        "validation"),
                get("two tags", "/v1/conversations?tag=a&tag=b", 400, "validation"),
                get("unknown query parameter", "/v1/conversations?colour=red", 400, "validation"),
                get("bad metadata filter key", "/v1/conversations?meta.a%22b=x", 400, "validation"),
                get("metadata filter without '='", "/v1/conversations?metadata=channel", 400, "validation"),
                get("metadata filter without a key", "/v1/conversations?metadata=%3Dx", 400, "validation"),
                get("last zero", "/v1/conversations/{c}/messages?last=0", 400, "validation"),
                get("last negative", "/v1/conversations/{c}/messages?last=-5", 400, "validation"),
                get("after negative", "/v1/conversations/{c}/messages?after=-1", 400, "validation"),
                get("before zero", "/v1/conversations/{c}/messages?before=0", 400, "validation"),
                get("two windows", "/v1/conversations/{c}/messages?last=2&after=1", 400, "validation"),
                get("limit with last", "/v1/conversations/{c}/messages?last=2&limit=3", 400, "validation"),
                get("search limit too large", "/v1/search?q=x&limit=5000", 400, "validation"),
                get("search unknown role", "/v1/search?q=x&role=wizard", 400, "validation"),
                get("search since not an instant", "/v1/search?q=x&since=yesterday", 400, "validation"),
                get("search until out of range", "/v1/search?q=x&until=%2B10000-01-01T00:00:00Z", 400, "validation"),
                get("search bad metadata key", "/v1/search?q=x&meta.a%20b=1", 400, "validation"),
                get("search metadata not KEY=VALUE", "/v1/search?q=x&metadata=novalue", 400, "validation"),
                get(
                        "history since not an instant",
                        "/v1/conversations/{c}/messages?since=2026-13-01",
                        400,
                        "validation"),
                get(
                        "history until twice",
                        "/v1/conversations/{c}/messages?until=2026-01-01T00:00:00Z&until=2026-01-02T00:00:00Z",
                        400,
                        "validation"),
                new Bad(
                        "text/plain body",
                        "POST",
                        "/v1/conversations",
                        "project",
                        "text/plain",
                        "{}",
                        415,
                        "unsupported-media-type"),
                new Bad(
                        "project token on an admin route",
                        "POST",
                        "/v1/projects",
                        "project",
                        JSON,
                        "{\"name\":\"x\"}",
                        403,
                        "forbidden"),
                new Bad("no token", "GET", "/v1/conversations", "none", null, null, 401, "unauthorized"),
                new Bad(
                        "blank project name",
                        "POST",
                        "/v1/projects",
                        "admin",
                        JSON,
                        "{\"name\":\"\"}",
                        400,
                        "validation"),
                new Bad(
                        "tokens of an unknown project",
                        "POST",
                        "/v1/projects/" + random + "/tokens",
                        "admin",
                        JSON,
                        "{\"name\":\"x\"}",
                        404,
                        "not-found"),
                new Bad(
                        "token expiring in the past",
                        "POST",
                        "/v1/projects/" + random + "/tokens",
                        "admin",
                        JSON,
                        "{\"name\":\"x\",\"expiresAt\":\"2000-01-01T00:00:00Z\"}",
                        400,
                        "validation"),
                new Bad(
                        "token expiring in year 300,000",
                        "POST",
                        "/v1/projects/" + random + "/tokens",
                        "admin",
                        JSON,
                        "{\"name\":\"x\",\"expiresAt\":\"+300000-01-01T00:00:00Z\"}",
                        400,
                        "validation"),
                new Bad(
                        "token expiring in year +999,999,999",
                        "POST",
                        "/v1/projects/" + random + "/tokens",
                        "admin",
                        JSON,
                        "{\"name\":\"x\",\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}",
                        400,
                        "validation"),
                post("a query parameter on a POST", "/v1/conversations?title=x", "{}", 400, "validation"),
                new Bad(
                        "a query parameter on a DELETE",
                        "DELETE",
                        "/v1/conversations/{c}?force=true",
                        "project",
                        null,
                        null,
                        400,
                        "validation"),
                new Bad(
                        "token expiry a number",
                        "POST",
                        "/v1/projects/" + random + "/tokens",
                        "admin",
                        JSON,
                        "{\"name\":\"x\",\"expiresAt\":4102444800}",
                        400,
                        "validation"),
                get(
                        "search within another project's conversation",
                        "/v1/search?q=x&conversationId=" + random,
                        404,
                        "not-found"),
                new Bad(
                        "token expiry not an instant",
                        "POST",
                        "/v1/projects/" + random + "/tokens",
                        "admin",
                        JSON,
                        "{\"name\":\"x\",\"expiresAt\":\"soon\"}",
                        400,
                        "validation"),
                new Bad(
                        "token admin flag a string",
                        "POST",
                        "/v1/projects/" + random + "/tokens",
                        "admin",
                        JSON,
                        "{\"name\":\"x\",\"admin\":\"yes\"}",
                        400,
                        "validation"),
                new Bad(
                        "body above the request limit",
                        "POST",
                        "/v1/conversations",
                        "project",
                        JSON,
                        "{\"title\":\"" + "b".repeat(2_100_000) + "\"}",
                        413,
                        "payload-too-large"));
    }

    private String snapshot(ServerFixture.Target target) {
        var counts = server().database().retention().counts();
        var api = server().api();
        return counts + "|"
                + api.get("/v1/conversations/" + target.conversationId(), target.token())
                        .raw()
                        .body() + "|"
                + api.get("/v1/conversations/" + target.conversationId() + "/messages", target.token())
                        .raw()
                        .body();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.colloquy.it.api.BadRequestContract#badRequests")
    default void badRequestGetsItsProblemAndChangesNothing(Bad bad) {
        var target = server().target();
        String before = snapshot(target);
        String token = switch (bad.auth()) {
            case "project" -> target.token();
            case "admin" -> server().adminToken();
            default -> null;
        };
        Answer answer = server().api()
                .send(
                        bad.method(),
                        bad.path().replace("{c}", target.conversationId()),
                        token,
                        bad.contentType(),
                        bad.body());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(bad.status());
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.problemType()).isEqualTo("urn:colloquy:problem:" + bad.type());
        assertThat(answer.json().get("status").asInt()).isEqualTo(bad.status());
        assertThat(answer.json().get("detail").asText())
                .as("problems speak the API's words, not the code's")
                .isNotBlank()
                .doesNotContain("dev.colloquy")
                .doesNotContain("java.")
                .doesNotContain("$");
        assertThat(snapshot(target)).isEqualTo(before);
    }

    @Test
    default void anAcceptThatAdmitsProblemDocumentsNeverTurnsASuccessInto406() {
        var target = server().target();
        var api = server().api();
        var problems = Map.of("Accept", "application/problem+json");
        String path = "/v1/conversations/" + target.conversationId();
        assertThat(api.send("GET", path, target.token(), null, null, problems).status())
                .isEqualTo(200);
        String created = api.post("/v1/conversations", target.token(), "{\"title\":\"accept\"}")
                .json()
                .get("id")
                .asText();
        var both = Map.of("Accept", "application/json, application/problem+json");
        assertThat(api.send("DELETE", "/v1/conversations/" + created, target.token(), null, null, problems)
                        .status())
                .isEqualTo(204);
        assertThat(api.send("GET", "/v1/conversations/" + created, target.token(), null, null, both)
                        .status())
                .isEqualTo(404);

        Answer html = api.send("GET", path, target.token(), null, null, Map.of("Accept", "text/html"));
        assertThat(html.status()).isEqualTo(406);
        assertThat(html.problemType()).isEqualTo("urn:colloquy:problem:not-acceptable");
    }

    @Test
    default void aBodyOfUnknownLengthIsCutOffAtTheLimit() {
        var target = server().target();
        String before = snapshot(target);
        Answer answer = server().api()
                .postStream(
                        "/v1/conversations",
                        target.token(),
                        () -> new SequenceInputStream(
                                new ByteArrayInputStream("{\"title\":\"".getBytes()), repeated((byte) 'x', 3_000_000)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(answer.problemType()).isEqualTo("urn:colloquy:problem:payload-too-large");
        assertThat(snapshot(target)).isEqualTo(before);
    }

    @Test
    default void thereAreAtLeastSixtyKindsOfBadRequest() {
        assertThat(badRequests().map(Bad::name).distinct().count()).isGreaterThanOrEqualTo(60);
    }

    private static InputStream repeated(byte value, int count) {
        return new InputStream() {
            private int left = count;

            @Override
            public int read() {
                return left-- > 0 ? value : -1;
            }
        };
    }
}
