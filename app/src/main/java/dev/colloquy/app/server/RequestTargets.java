package dev.colloquy.app.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * RFC 3986's grammar for a request target's path and query, as raw (still percent-encoded) text:
 * unreserved characters, sub-delimiters, {@code :} and {@code @}, {@code /} (and {@code ?} in the
 * query), and {@code %} followed by two hex digits. Anything else cannot be a URI, and the answer
 * names the first offending character and where it is.
 */
final class RequestTargets {

    private static final String ALLOWED_PUNCTUATION = "-._~!$&'()*+,;=:@/";

    private RequestTargets() {}

    static Optional<String> malformed(String raw, boolean query) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !hex(raw.charAt(i + 1)) || !hex(raw.charAt(i + 2))) {
                    return Optional.of("'%' at position " + (i + 1) + " is not followed by two hex digits"
                            + " (write a literal '%' as %25)");
                }
                i += 2;
            } else if (!allowed(c, query)) {
                return Optional.of(describe(c) + " at position " + (i + 1) + " must be percent-encoded");
            }
        }
        return decodedProblem(raw, query);
    }

    /**
     * What the percent-escapes stand for must be text: well-formed UTF-8 (no overlong form such as
     * {@code %C0%AF}, no surrogate such as {@code %ED%A0%80}) without control characters; and a
     * path has no {@code .} or {@code ..} segment, which would name another path than it spells,
     * nor a longer segment of dots only.
     */
    private static Optional<String> decodedProblem(String raw, boolean query) {
        var bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.of("the " + (query ? "query" : "path") + "'s percent-escapes are not well-formed UTF-8");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(
                        "the " + (query ? "query" : "path") + " holds " + describe(c) + " (percent-encoded)");
            }
        }
        if (!query) {
            for (String segment : text.split("/", -1)) {
                if (segment.equals(".") || segment.equals("..")) {
                    return Optional.of("the path has a '" + segment + "' segment");
                }
                // Longer runs of dots are no URI's dot segments, but the HTTP layer's normalization
                // fails on them (an empty 500): no route has such a segment, so none is taken.
                if (segment.length() > 2 && segment.chars().allMatch(ch -> ch == '.')) {
                    return Optional.of("the path has a segment of " + segment.length() + " dots only");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean allowed(char c, boolean query) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || ALLOWED_PUNCTUATION.indexOf(c) >= 0
                // Brackets are not URI characters in a query, but deepObject parameters
                // (meta[key]=value), as OpenAPI clients and browsers send them, carry them raw.
                || (query && (c == '?' || c == '[' || c == ']'));
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String describe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("the control character U+%04X", (int) c);
        }
        if (c > 0x7e) {
            return "a byte beyond ASCII";
        }
        return c == ' ' ? "a space" : "'" + c + "'";
    }
}
