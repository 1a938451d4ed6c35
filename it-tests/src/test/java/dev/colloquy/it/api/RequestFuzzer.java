package dev.colloquy.it.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates HTTP requests across every route from a seed: valid ones, ones with a single field
 * broken, and ones no client would send (broken request lines, bodies that are not JSON or not
 * UTF-8, huge numbers, deep nesting, the edges of Unicode, bad headers). Each one ends with
 * {@code Connection: close}, so the server's answer is followed by the end of the connection.
 */
final class RequestFuzzer {

    /** One generated request. */
    record Generated(String description, String method, byte[] bytes, boolean changes, boolean badVersion) {
        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * The tokens and ids the requests use: the fuzzed project's token, an admin token, the fuzzed
     * project's conversations and id, and a conversation of another project, which the requests
     * name (with the fuzzed project's token) but must never reach.
     */
    record Targets(
            String token, String adminToken, List<String> conversations, String strangerConversation, String project) {}

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final List<String> ODD_METHODS =
            List.of("HEAD", "OPTIONS", "TRACE", "PROPFIND", "get", "FOO", "G-T", "POST!", "M".repeat(40));
    private static final List<String> ROLES = List.of("system", "user", "assistant", "tool", "wizard", "", "USER");

    private final Random random;
    private final Targets targets;

    RequestFuzzer(long seed, Targets targets) {
        this.random = new Random(seed);
        this.targets = targets;
    }

    Generated next() {
        int shape = random.nextInt(100);
        if (shape < 8) {
            return brokenRequestLine();
        }
        String[] route = route();
        String method = route[0];
        String path = route[1];
        String body = route[2];
        if (shape < 14) {
            method = pick(ODD_METHODS);
        } else if (shape < 20) {
            method = pick(METHODS);
        }
        if (shape >= 20 && shape < 30) {
            path = mangledPath(path);
        }
        if (shape >= 30 && shape < 40) {
            path = path + (path.contains("?") ? "&" : "?") + query();
        }
        byte[] bodyBytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (shape >= 40 && shape < 65 && !method.equals("GET")) {
            bodyBytes = mutatedBody(body);
        }
        var head = new StringBuilder();
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        String auth = authorization(path);
        if (auth != null) {
            head.append("Authorization: ").append(auth).append("\r\n");
        }
        if (shape >= 65 && shape < 80) {
            head.append(oddHeader()).append("\r\n");
        }
        if (bodyBytes != null) {
            head.append("Content-Type: ").append(contentType(method)).append("\r\n");
            head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        var out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (bodyBytes != null) {
            out.writeBytes(bodyBytes);
        }
        boolean changes = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        String shown = head.substring(0, head.indexOf("\r\n"));
        if (bodyBytes != null) {
            shown += " + " + preview(bodyBytes);
        }
        return new Generated(shown, method, out.toByteArray(), changes, false);
    }

    /** Method, path and body of a route, filled with valid values. */
    private String[] route() {
        String conversation = conversationId();
        return switch (random.nextInt(17)) {
            case 0 -> new String[] {"POST", "/v1/conversations", conversationBody()};
            case 1 -> new String[] {"GET", "/v1/conversations", null};
            case 2 -> new String[] {"GET", "/v1/conversations/" + conversation, null};
            case 3 -> new String[] {"PATCH", "/v1/conversations/" + conversation, conversationBody()};
            case 4 -> new String[] {"DELETE", "/v1/conversations/" + conversation, null};
            case 5 -> new String[] {"POST", "/v1/conversations/" + conversation + "/messages", messagesBody(1)};
            case 6 -> new String[] {"PUT", "/v1/conversations/" + conversation + "/messages", messagesBody(0)};
            case 7 -> new String[] {"GET", "/v1/conversations/" + conversation + "/messages", null};
            case 8 -> new String[] {"GET", "/v1/search?q=" + word(), null};
            case 9 -> new String[] {"GET", "/v1/tags", null};
            case 10 -> new String[] {"POST", "/v1/projects", "{\"name\":" + json(text()) + "}"};
            case 11 -> new String[] {"GET", "/v1/projects", null};
            // Deletes and revocations only ever name ids that exist nowhere: the fixture is shared.
            case 12 -> new String[] {"DELETE", "/v1/projects/" + UUID.randomUUID(), null};
            case 13 ->
                new String[] {"POST", "/v1/projects/" + projectId() + "/tokens", "{\"name\":" + json(text()) + "}"};
            case 14 -> new String[] {"GET", "/v1/projects/" + projectId() + "/tokens", null};
            case 15 -> new String[] {"DELETE", "/v1/tokens/" + UUID.randomUUID(), null};
            default -> new String[] {"GET", pick(List.of("/health/live", "/health/ready", "/openapi", "/")), null};
        };
    }

    private String conversationId() {
        int n = random.nextInt(10);
        if (n < 6) {
            return pick(targets.conversations());
        }
        if (n < 8) {
            return targets.strangerConversation(); // another project's: 404, never a change
        }
        return n == 8
                ? UUID.randomUUID().toString()
                : pick(List.of("x", "1", "%00", "%C3%A9", "00000000-0000-0000-0000"));
    }

    private String projectId() {
        return random.nextBoolean() ? targets.project() : UUID.randomUUID().toString();
    }

    private String authorization(String path) {
        if (!path.startsWith("/v1")) {
            return random.nextInt(4) == 0 ? "Bearer " + targets.token() : null;
        }
        return switch (random.nextInt(14)) {
            case 0 -> null;
            case 1 -> "Bearer";
            case 2 -> "Basic dXNlcjpwYXNz";
            case 3 -> "Bearer cq_unknown-" + UUID.randomUUID();
            case 4 -> "Bearer " + targets.token() + "x";
            case 5, 6 -> "Bearer " + targets.adminToken();
            case 7 -> "bearer   " + targets.token();
            default -> "Bearer " + targets.token();
        };
    }

    private String conversationBody() {
        var body = new StringBuilder("{");
        boolean first = true;
        if (random.nextBoolean()) {
            body.append("\"title\":").append(random.nextInt(5) == 0 ? "null" : json(text()));
            first = false;
        }
        if (random.nextBoolean()) {
            body.append(first ? "" : ",").append("\"metadata\":").append(value(3));
            first = false;
        }
        if (random.nextBoolean()) {
            body.append(first ? "" : ",").append("\"tags\":[");
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                body.append(i == 0 ? "" : ",").append(json(word()));
            }
            body.append(']');
        }
        return body.append('}').toString();
    }

    private String messagesBody(int minimum) {
        var body = new StringBuilder("{\"messages\":[");
        int n = minimum + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"role\":")
                    .append(json(random.nextInt(6) == 0 ? pick(ROLES) : "user"))
                    .append(",\"content\":")
                    .append(json(text()));
            if (random.nextInt(3) == 0) {
                body.append(",\"metadata\":").append(value(3));
            }
            body.append('}');
        }
        return body.append("]}").toString();
    }

    /** A body with one thing wrong with it. */
    private byte[] mutatedBody(String valid) {
        String base = valid == null ? "{}" : valid;
        String mutated = switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> "[]";
            case 3 -> base + base;
            case 4 -> base.substring(0, random.nextInt(Math.max(1, base.length())));
            case 5 -> base.replaceFirst("\\{", "{\"unknown\":1,");
            case 6 -> "{\"title\":" + hugeNumber() + "}";
            case 7 -> "{\"messages\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
            case 8 -> "{\"metadata\":" + "{\"a\":".repeat(500) + "1" + "}".repeat(500) + "}";
            case 9 -> "{\"title\":\"a\",\"title\":\"b\"}";
            case 10 -> "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "\\ud800" + "\"}]}";
            case 11 -> "{\"messages\":[{\"role\":\"user\",\"content\":\"a\\u0000b\"}]}";
            case 12 -> "{\"messages\":[{\"role\":\"user\",\"content\":" + hugeNumber() + "}]}";
            case 13 -> "{\"title\":\"" + "x".repeat(20_000) + "\"}";
            case 14 -> "{\"tags\":[" + "\"t\",".repeat(300) + "\"t\"]}";
            default -> "{'single':'quotes'}";
        };
        if (random.nextInt(8) == 0) {
            // bytes that are not UTF-8
            byte[] text = mutated.getBytes(StandardCharsets.UTF_8);
            byte[] broken = new byte[text.length + 2];
            System.arraycopy(text, 0, broken, 0, text.length);
            broken[text.length] = (byte) 0xC0;
            broken[text.length + 1] = (byte) 0xAF;
            return broken;
        }
        return mutated.getBytes(StandardCharsets.UTF_8);
    }

    private String mangledPath(String path) {
        return switch (random.nextInt(10)) {
            case 0 -> path + "/";
            case 1 -> path + "/extra";
            case 2 -> path.replace("/v1/", "/v2/");
            case 3 -> path + "%";
            case 4 -> path + "%C0%AF";
            case 5 -> path + "/..";
            case 6 -> "http://localhost" + path;
            case 7 -> "*";
            case 8 -> path.toUpperCase();
            default -> path + "/%F0%9F%98%80";
        };
    }

    private String query() {
        String value = switch (random.nextInt(9)) {
            case 0 -> String.valueOf(random.nextInt(2_000) - 500);
            case 1 -> hugeNumber();
            case 2 -> "%00";
            case 3 -> "%E2%80%AE" + word(); // right-to-left override
            case 4 -> "2026-13-45T99:99:99Z";
            case 5 -> "99999-01-01T00:00:00Z";
            case 6 -> "";
            case 7 -> "%F0%9F%92%A9";
            default -> word();
        };
        String name = pick(List.of(
                "limit", "cursor", "tag", "updatedSince", "metadata", "q", "role", "last", "after", "before", "x"));
        return name + "=" + value;
    }

    private String oddHeader() {
        return switch (random.nextInt(10)) {
            case 0 -> "Accept: text/html";
            case 1 -> "Accept: a/b/c";
            case 2 -> "Accept: application/json;q=2, */*;q=x";
            case 3 -> "Idempotency-Key: " + pick(List.of("k-" + random.nextInt(5), "", "\"quoted\"", "two words"));
            case 4 -> "Content-Encoding: gzip";
            case 5 -> "Transfer-Encoding: chunked, identity";
            case 6 -> "Expect: 100-continue";
            case 7 -> "X-Long: " + "v".repeat(4_000);
            case 8 -> "If-Match: \"bogus\"";
            default -> "Upgrade: h2c";
        };
    }

    private String contentType(String method) {
        return switch (random.nextInt(12)) {
            case 0 -> "text/plain";
            case 1 -> "a/b/c";
            case 2 -> "application/json; charset=latin1";
            case 3 -> "application/x-www-form-urlencoded";
            case 4 -> "application/merge-patch+json";
            default ->
                method.equals("PATCH") && random.nextBoolean() ? "application/merge-patch+json" : "application/json";
        };
    }

    private Generated brokenRequestLine() {
        String line = switch (random.nextInt(12)) {
            case 0 -> "GET /v1/conversations";
            case 1 -> "/v1/conversations";
            case 2 -> "GET /v1/conversations HTTP/2.0";
            case 3 -> "GET /v1/conversations HTTP/0.9";
            case 4 -> "GET  /health/live  HTTP/1.1";
            case 5 -> "G\u00c9T /v1/conversations HTTP/1.1";
            case 6 -> "GET /v1/conv ersations HTTP/1.1";
            case 7 -> "GET /v1/\u00e9 HTTP/1.1";
            case 8 -> "GET /v1/conversations HTTP/1.1 extra";
            case 9 -> "GET /v1/{} HTTP/1.1";
            case 10 -> "\tGET / HTTP/1.1";
            default -> "GET /health/live FOO/1.1";
        };
        String request = line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        boolean badVersion = line.endsWith("HTTP/2.0") || line.endsWith("HTTP/0.9");
        return new Generated(line, "GET", request.getBytes(StandardCharsets.ISO_8859_1), false, badVersion);
    }

    private String hugeNumber() {
        return pick(List.of(
                "123456789012345678901234567890",
                "1e400",
                "-1e400",
                "9223372036854775808",
                "-0",
                "0.0000000000000000000000001",
                "1" + "0".repeat(500)));
    }

    /** A JSON value of up to {@code depth} levels. */
    private String value(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 5);
        return switch (kind) {
            case 0 -> json(text());
            case 1 -> String.valueOf(random.nextInt());
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> hugeNumber();
            case 4 -> String.valueOf(random.nextDouble());
            case 5 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
            default -> "{" + json(word()) + ":" + value(depth - 1) + "," + json(text()) + ":" + value(depth - 1) + "}";
        };
    }

    private String word() {
        return pick(List.of("alpha", "walrus", "Über", "naïve", "日本語", "🙂", "a-b", "x_y", "tea", "o'clock"));
    }

    /** Text from the edges of Unicode. */
    private String text() {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "e\u0301"; // combining accent
            case 3 -> "\u200b\u200d\ufeff"; // zero-width characters
            case 4 -> "\u202eevil"; // right-to-left override
            case 5 -> "\uffff\ufffe";
            case 6 -> "\ud83d\ude00 \ud83c\udff3\ufe0f\u200d\ud83c\udf08";
            case 7 -> "<script>alert(1)</script>";
            case 8 -> "line\nbreak\ttab\r";
            case 9 -> "x".repeat(1 + random.nextInt(300));
            case 10 -> "\u0007\u001b[31m";
            default -> word() + " " + word();
        };
    }

    private static String json(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 120 ? text.substring(0, 120) + "... (" + body.length + " bytes)" : text;
    }
}
