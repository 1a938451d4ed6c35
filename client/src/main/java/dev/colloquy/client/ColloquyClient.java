package dev.colloquy.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A client of one Colloquy server with one token. Thread-safe; share one instance. Built with
 * {@link #builder(URI)}:
 *
 * <pre>{@code
 * var client = ColloquyClient.builder(URI.create("http://localhost:8080"))
 *         .token(System.getenv("COLLOQUY_TOKEN"))
 *         .build();
 * client.appendByKey("user-42", List.of(NewMessage.user("Hello")));
 * }</pre>
 *
 * <p>Every method throws {@link ColloquyProblemException} (or a subclass) when the server answers
 * with a problem, and {@link ColloquyTransportException} when it cannot be reached; see {@link
 * RetryPolicy} for what is retried.
 */
public final class ColloquyClient implements AutoCloseable {

    /** The most messages the server returns in one page. */
    public static final int MAX_PAGE = 1000;

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final String USER_AGENT = "colloquy-java-client/0.1";
    private static final TypeReference<Items<Message>> MESSAGES = new TypeReference<>() {};

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retries;

    private ColloquyClient(Builder builder) {
        String root = builder.baseUrl.toString();
        this.base = URI.create(root.endsWith("/") ? root : root + "/");
        this.authorization = builder.token == null ? null : "Bearer " + builder.token;
        this.requestTimeout = builder.requestTimeout;
        this.retries = builder.retries;
        this.http = HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A builder for a client of the server at {@code baseUrl} (for example {@code http://localhost:8080}). */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** How a client is made: the token, timeouts and retries. */
    public static final class Builder {
        private final URI baseUrl;
        private String token;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retries = RetryPolicy.DEFAULT;

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
                throw new IllegalArgumentException("the base URL must be http or https, was " + baseUrl);
            }
        }

        /** The bearer token (a project's token; an admin token for the project and token routes). */
        public Builder token(String value) {
            this.token = value;
            return this;
        }

        /** How long to wait for a connection; default 10 s. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** How long to wait for each answer; default 30 s. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** When to retry; default {@link RetryPolicy#DEFAULT}. */
        public Builder retries(RetryPolicy value) {
            this.retries = Objects.requireNonNull(value);
            return this;
        }

        public ColloquyClient build() {
            return new ColloquyClient(this);
        }
    }

    // ---------------------------------------------------------------- conversations

    /** Creates a conversation (retried safely: the request carries an idempotency key). */
    public Conversation createConversation(NewConversation conversation) {
        return send(Call.write("POST", "v1/conversations", conversation), Conversation.class);
    }

    public Conversation getConversation(UUID id) {
        return send(Call.read("v1/conversations/" + id), Conversation.class);
    }

    /** One page of conversations, most recently changed first; {@code cursor} from the previous page or null. */
    public Page<Conversation> listConversations(ConversationQuery query, String cursor) {
        var params = new Query()
                .add("limit", query.limit())
                .add("tag", query.tag())
                .add("updatedSince", query.updatedSince());
        query.metadata().forEach((key, value) -> params.add("metadata", key + "=" + value));
        params.add("cursor", cursor);
        return page(send(Call.read("v1/conversations" + params), new TypeReference<PageBody<Conversation>>() {}));
    }

    /** Every conversation the query finds, read a page at a time as the iteration goes. */
    public Iterable<Conversation> conversations(ConversationQuery query) {
        return () -> new Pages<>(cursor -> listConversations(query, cursor));
    }

    /** Changes a conversation (a merge patch). Not retried on connection failures: a patch may not be safe to repeat. */
    public Conversation updateConversation(UUID id, ConversationPatch patch) {
        return send(new Call("PATCH", "v1/conversations/" + id, patch.members(), false, Map.of()), Conversation.class);
    }

    /** Deletes a conversation with its messages; a retry that finds it gone already counts as done. */
    public void deleteConversation(UUID id) {
        send(Call.delete("v1/conversations/" + id, false), Void.class);
    }

    // ---------------------------------------------------------------- messages

    /** Appends 1 to 1000 messages, all or none, and answers them as stored (retried safely with an idempotency key). */
    public List<Message> append(UUID conversationId, List<NewMessage> messages) {
        return send(
                        Call.write("POST", "v1/conversations/" + conversationId + "/messages", new Messages(messages)),
                        MESSAGES)
                .items();
    }

    /** Replaces all messages with 0 to 1000 (none clears the conversation), in one atomic change. */
    public List<Message> replace(UUID conversationId, List<NewMessage> messages) {
        return send(
                        Call.write("PUT", "v1/conversations/" + conversationId + "/messages", new Messages(messages)),
                        MESSAGES)
                .items();
    }

    /** A window of the conversation's history, chronological. */
    public List<Message> history(UUID conversationId, HistoryQuery query) {
        return send(Call.read("v1/conversations/" + conversationId + "/messages" + history(query)), MESSAGES)
                .items();
    }

    /** Every message of the conversation, chronological, read as one consistent view (see {@link #messagesByKey}). */
    public List<Message> messages(UUID conversationId) {
        return allMessages("v1/conversations/" + conversationId + "/messages").orElseThrow();
    }

    // ---------------------------------------------------------------- by key

    /** The conversation with the key, if one has it. */
    public Optional<Conversation> findByKey(String key) {
        try {
            return Optional.of(send(Call.read(byKey(key)), Conversation.class));
        } catch (ColloquyProblemException.NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Appends messages to the conversation with the key, which the first write creates. */
    public List<Message> appendByKey(String key, List<NewMessage> messages) {
        return send(Call.write("POST", byKey(key) + "/messages", new Messages(messages)), MESSAGES)
                .items();
    }

    /** Replaces the messages of the conversation with the key (an empty list clears it), creating it if none has the key. */
    public List<Message> replaceByKey(String key, List<NewMessage> messages) {
        return send(Call.write("PUT", byKey(key) + "/messages", new Messages(messages)), MESSAGES)
                .items();
    }

    /** A window of the history of the conversation with the key; empty when no conversation has the key. */
    public List<Message> historyByKey(String key, HistoryQuery query) {
        try {
            return send(Call.read(byKey(key) + "/messages" + history(query)), MESSAGES)
                    .items();
        } catch (ColloquyProblemException.NotFoundException e) {
            return List.of();
        }
    }

    /**
     * Every message of the conversation with the key, chronological; empty when no conversation
     * has the key. More than {@value #MAX_PAGE} messages are read in pages that must all belong to
     * one state of the conversation (its entity tag): when it changes between pages, the read
     * starts again.
     */
    public List<Message> messagesByKey(String key) {
        return allMessages(byKey(key) + "/messages").orElse(List.of());
    }

    /** Deletes the conversation with the key and its messages; nothing happens when none has it. */
    public void deleteByKey(String key) {
        send(Call.delete(byKey(key), true), Void.class);
    }

    /** One page of the conversations that have a key, in the byte order of their keys. */
    public Page<Conversation> listKeyed(int limit, String cursor) {
        return page(send(
                Call.read("v1/keys" + new Query().add("limit", limit).add("cursor", cursor)),
                new TypeReference<PageBody<Conversation>>() {}));
    }

    /** Every conversation that has a key, in key order, read a page at a time. */
    public Iterable<Conversation> keyedConversations() {
        return () -> new Pages<>(cursor -> listKeyed(MAX_PAGE, cursor));
    }

    // ---------------------------------------------------------------- search, tags

    public SearchResults search(SearchQuery query) {
        var params = new Query()
                .add("q", query.q())
                .add("limit", query.limit())
                .add("tag", query.tag())
                .add("role", query.role() == null ? null : query.role().wireName())
                .add("conversationId", query.conversationId())
                .add("since", query.since())
                .add("until", query.until())
                .add("mode", query.mode() == null ? null : query.mode().wireName());
        query.metadata().forEach((key, value) -> params.add("metadata", key + "=" + value));
        return send(Call.read("v1/search" + params), SearchResults.class);
    }

    /** The project's tags in use, by name. */
    public List<TagCount> tags() {
        return send(Call.read("v1/tags"), new TypeReference<Items<TagCount>>() {})
                .items();
    }

    // ---------------------------------------------------------------- projects and tokens (admin tokens)

    public Project createProject(String name) {
        return send(new Call("POST", "v1/projects", Map.of("name", name), false, Map.of()), Project.class);
    }

    /** A project searched by meaning or not ({@code semanticSearch} false: it opts out). */
    public Project createProject(String name, boolean semanticSearch) {
        return send(
                new Call(
                        "POST", "v1/projects", Map.of("name", name, "semanticSearch", semanticSearch), false, Map.of()),
                Project.class);
    }

    /** Turns search by meaning on or off for a project. */
    public Project updateProject(UUID id, boolean semanticSearch) {
        return send(
                new Call("PATCH", "v1/projects/" + id, Map.of("semanticSearch", semanticSearch), false, Map.of()),
                Project.class);
    }

    public List<Project> projects() {
        return send(Call.read("v1/projects"), new TypeReference<Items<Project>>() {})
                .items();
    }

    public void deleteProject(UUID id) {
        send(Call.delete("v1/projects/" + id, false), Void.class);
    }

    /** Issues a token; its secret is in this answer only. {@code expiresAt} may be null. */
    public IssuedToken createToken(UUID projectId, String name, boolean admin, Instant expiresAt) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", name);
        body.put("admin", admin);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        JsonNode answer =
                send(new Call("POST", "v1/projects/" + projectId + "/tokens", body, false, Map.of()), JsonNode.class);
        try {
            return new IssuedToken(
                    JSON.treeToValue(answer, Token.class), answer.path("secret").asText());
        } catch (JsonProcessingException e) {
            throw new ColloquyException("the server's answer is not a token", e);
        }
    }

    public List<Token> tokens(UUID projectId) {
        return send(Call.read("v1/projects/" + projectId + "/tokens"), new TypeReference<Items<Token>>() {})
                .items();
    }

    public void revokeToken(UUID tokenId) {
        send(Call.delete("v1/tokens/" + tokenId, false), Void.class);
    }

    // ---------------------------------------------------------------- health

    /** Whether the server runs (no token needed). */
    public Health live() {
        return send(Call.read("health/live"), Health.class);
    }

    /** Whether the server can serve: its database answers and its schema is current. Never throws for DOWN. */
    public Health ready() {
        try {
            return send(new Call("GET", "health/ready", null, false, Map.of()).noRetry(), Health.class);
        } catch (ColloquyProblemException e) {
            return new Health("DOWN", null, null, e.detail());
        }
    }

    @Override
    public void close() {
        // The JDK's HttpClient of Java 17 has nothing to close; its threads end with it.
    }

    // ---------------------------------------------------------------- the exchange

    private record Items<T>(List<T> items) {}

    private record PageBody<T>(List<T> items, String nextCursor) {}

    private record Messages(List<NewMessage> messages) {}

    private static <T> Page<T> page(PageBody<T> body) {
        return new Page<>(body.items() == null ? List.of() : body.items(), Optional.ofNullable(body.nextCursor()));
    }

    /** A path segment for a key: every byte outside A-Z a-z 0-9 - . _ ~ percent-encoded. */
    static String byKey(String key) {
        Objects.requireNonNull(key, "key");
        return "v1/keys/" + encode(key);
    }

    static String encode(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String history(HistoryQuery query) {
        return new Query()
                .add("last", query.last())
                .add("after", query.after())
                .add("before", query.before())
                .add("limit", query.limit() == 0 ? null : query.limit())
                .add("since", query.since())
                .add("until", query.until())
                .toString();
    }

    /** All pages of a history after seq 0, each checked against the first page's entity tag. */
    private Optional<List<Message>> allMessages(String path) {
        for (int round = 0; round < 5; round++) {
            var messages = new ArrayList<Message>();
            String etag = null;
            int after = 0;
            boolean restarted = false;
            while (true) {
                var call = Call.read(path + new Query().add("after", after).add("limit", MAX_PAGE));
                if (etag != null) {
                    call = call.withHeader("If-Match", etag);
                }
                Response answer;
                try {
                    answer = exchange(call);
                } catch (ColloquyProblemException.NotFoundException e) {
                    return Optional.empty();
                } catch (ColloquyProblemException.PreconditionFailedException e) {
                    restarted = true;
                    break;
                }
                if (etag == null) {
                    etag = answer.etag();
                }
                List<Message> page = read(answer, MESSAGES).items();
                messages.addAll(page);
                if (page.size() < MAX_PAGE) {
                    return Optional.of(List.copyOf(messages));
                }
                after = page.get(page.size() - 1).seq();
            }
            if (!restarted) {
                break;
            }
        }
        throw new ColloquyException("the conversation kept changing while its messages were read", null);
    }

    /** A request: what to send, and whether a repeat is safe. */
    record Call(String method, String path, Object body, boolean keyed, Map<String, String> headers, boolean retry) {

        Call(String method, String path, Object body, boolean keyed, Map<String, String> headers) {
            this(method, path, body, keyed, headers, true);
        }

        static Call read(String path) {
            return new Call("GET", path, null, false, Map.of());
        }

        /** A write made safe to repeat by an idempotency key, the same on every attempt. */
        static Call write(String method, String path, Object body) {
            return new Call(
                    method,
                    path,
                    body,
                    true,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        }

        /** A delete; {@code idempotent} when the server answers a repeat like the first (by key). */
        static Call delete(String path, boolean idempotent) {
            return new Call("DELETE", path, null, idempotent, Map.of());
        }

        Call withHeader(String name, String value) {
            var more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, path, body, keyed, more, retry);
        }

        Call noRetry() {
            return new Call(method, path, body, keyed, headers, false);
        }

        /** Whether the request may be sent again after a failure that may have been applied. */
        boolean repeatable() {
            return retry && (method.equals("GET") || method.equals("PUT") || method.equals("DELETE") || keyed);
        }
    }

    record Response(int status, String body, String etag) {}

    private <T> T send(Call call, Class<T> type) {
        Response answer = exchange(call);
        if (type == Void.class) {
            return null;
        }
        try {
            return JSON.readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw new ColloquyException(
                    "the server's answer to " + call.method() + " /" + call.path() + " is not what the API says", e);
        }
    }

    private <T> T send(Call call, TypeReference<T> type) {
        return read(exchange(call), type);
    }

    private static <T> T read(Response answer, TypeReference<T> type) {
        try {
            return JSON.readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw new ColloquyException("the server's answer is not what the API says", e);
        }
    }

    /** Sends the call, retrying where {@link RetryPolicy} allows; a 2xx answer or an exception. */
    Response exchange(Call call) {
        HttpRequest request = request(call);
        int attempts = call.retry() ? retries.maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (attempt < attempts && call.repeatable()) {
                    pause(retries.backoff(attempt, ThreadLocalRandom.current().nextDouble()));
                    continue;
                }
                throw new ColloquyTransportException(
                        call.method() + " /" + call.path() + " failed after " + attempt + " attempt(s): " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ColloquyTransportException("interrupted while waiting for the server", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Response(
                        status,
                        response.body(),
                        response.headers().firstValue("ETag").orElse(null));
            }
            if (status == 404 && attempt > 1 && call.method().equals("DELETE")) {
                // an earlier attempt deleted it, and its answer was lost on the way
                return new Response(204, "", null);
            }
            Duration retryAfter = retryAfter(response).orElse(null);
            boolean retryable = status == 429 || (status == 503 && call.repeatable());
            if (retryable && attempt < attempts && call.retry()) {
                Duration wait = retryAfter != null
                        ? retryAfter
                        : retries.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                if (wait.compareTo(retries.maxRetryAfter()) <= 0) {
                    pause(wait);
                    continue;
                }
            }
            throw problem(response, retryAfter);
        }
    }

    private HttpRequest request(Call call) {
        var builder = HttpRequest.newBuilder(base.resolve(call.path()))
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", USER_AGENT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        call.headers().forEach(builder::header);
        if (call.body() == null) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            String json;
            try {
                json = JSON.writeValueAsString(call.body());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the request body cannot be written as JSON", e);
            }
            builder.header(
                            "Content-Type",
                            call.method().equals("PATCH") ? "application/merge-patch+json" : "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static ColloquyProblemException problem(HttpResponse<String> response, Duration retryAfter) {
        int status = response.statusCode();
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.isObject() && body.has("type")) {
                return ColloquyProblemException.of(
                        body.path("type").asText(),
                        body.path("title").asText(null),
                        status,
                        body.path("detail").asText(null),
                        body.path("field").asText(null),
                        body.hasNonNull("requestId") ? body.get("requestId").asText() : requestId,
                        retryAfter);
            }
        } catch (JsonProcessingException e) {
            // not a problem document; described below
        }
        String text = response.body() == null ? "" : response.body();
        return ColloquyProblemException.of(
                "about:blank",
                "HTTP " + status,
                status,
                text.length() > 200 ? text.substring(0, 200) + "..." : text,
                null,
                requestId,
                retryAfter);
    }

    /** {@code Retry-After} as seconds or an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(ColloquyClient::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException e) {
            try {
                var when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), when);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ColloquyTransportException("interrupted while waiting to retry", e);
        }
    }

    /** Query parameters, percent-encoded, in order; null values left out. */
    private static final class Query {
        private final StringBuilder text = new StringBuilder();

        Query add(String name, Object value) {
            if (value == null || (value instanceof Integer number && number == 0 && name.equals("limit"))) {
                return this;
            }
            text.append(text.length() == 0 ? '?' : '&')
                    .append(encode(name))
                    .append('=')
                    .append(encode(value.toString()));
            return this;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Walks pages by their cursors, fetching the next one when the current one is used up. */
    private static final class Pages<T> implements Iterator<T> {
        private final Function<String, Page<T>> fetch;
        private Iterator<T> current;
        private Optional<String> next;

        Pages(Function<String, Page<T>> fetch) {
            this.fetch = fetch;
            Page<T> first = fetch.apply(null);
            this.current = first.items().iterator();
            this.next = first.nextCursor();
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && next.isPresent()) {
                Page<T> page = fetch.apply(next.get());
                current = page.items().iterator();
                next = page.nextCursor();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
