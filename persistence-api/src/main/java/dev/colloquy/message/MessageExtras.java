package dev.colloquy.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Role;
import dev.colloquy.domain.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a message carries beyond its role, text and metadata, so that an LLM framework's message
 * round-trips: the author's {@code name}, ordered content {@code parts} (text, reasoning, media
 * references), the {@code toolCalls} of an assistant message and the {@code toolResults} of a
 * tool message. Each list is empty when absent, never null.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MessageExtras(
        String name, List<ContentPart> parts, List<ToolCall> toolCalls, List<ToolResult> toolResults) {

    public static final MessageExtras EMPTY = new MessageExtras(null, List.of(), List.of(), List.of());

    /** The most parts, tool calls or tool results one message may hold. */
    public static final int MAX_ITEMS = 128;
    /** The longest name, id, tool name, file name or call type, in characters. */
    public static final int MAX_NAME_CHARACTERS = 256;
    /** The longest media URL, in characters. */
    public static final int MAX_URL_CHARACTERS = 4096;

    private static final Set<String> PART_TYPES = Set.of("text", "reasoning", "image", "audio", "video", "file");
    private static final Pattern MIME_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(;.{0,256})?");
    private static final Pattern DETAIL = Pattern.compile("[a-z_]{1,32}");

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public MessageExtras {
        parts = parts == null ? List.of() : List.copyOf(parts);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        toolResults = toolResults == null ? List.of() : List.copyOf(toolResults);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return name == null && parts.isEmpty() && toolCalls.isEmpty() && toolResults.isEmpty();
    }

    /** Whether a message with these extras may go without text: it has parts, tool calls or tool results. */
    public boolean carriesContent() {
        return !parts.isEmpty() || !toolCalls.isEmpty() || !toolResults.isEmpty();
    }

    /**
     * The message's text as search reads it: its content, then the text of its {@code text} parts,
     * then the content of its tool results, one per line. Reasoning, media, tool calls and names are
     * not searched.
     */
    public String searchable(String content) {
        if (parts.isEmpty() && toolResults.isEmpty()) {
            return content == null ? "" : content;
        }
        var lines = new ArrayList<String>();
        if (content != null && !content.isEmpty()) {
            lines.add(content);
        }
        parts.stream().filter(p -> "text".equals(p.type())).forEach(p -> lines.add(p.text()));
        toolResults.stream().filter(r -> r.content() != null).forEach(r -> lines.add(r.content()));
        return String.join("\n", lines);
    }

    /**
     * Checks the extras of a message with the given role: tool calls only on assistant messages,
     * tool results only on tool messages, each part complete for its type, every limit above, and
     * at most {@code maxBytes} as JSON (UTF-8).
     */
    public void check(String field, Role role, int maxBytes) {
        if (isEmpty()) {
            return; // a plain message, most are: nothing to check, nothing to serialize
        }
        if (name != null) {
            shortText(field + ".name", name, true);
        }
        count(field + ".parts", parts.size());
        count(field + ".toolCalls", toolCalls.size());
        count(field + ".toolResults", toolResults.size());
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw new InvalidInputException(field + ".toolCalls", "only an assistant message has tool calls");
        }
        if (!toolResults.isEmpty() && role != Role.TOOL) {
            throw new InvalidInputException(field + ".toolResults", "only a tool message has tool results");
        }
        for (int i = 0; i < parts.size(); i++) {
            checkPart(field + ".parts[" + i + "]", parts.get(i));
        }
        for (int i = 0; i < toolCalls.size(); i++) {
            String at = field + ".toolCalls[" + i + "]";
            ToolCall call = toolCalls.get(i);
            if (call == null) {
                throw new InvalidInputException(at, "must be an object, was null");
            }
            optionalShort(at + ".id", call.id());
            optionalShort(at + ".type", call.type());
            shortText(at + ".name", call.name(), true);
            if (call.arguments() != null) {
                Text.requireStorable(at + ".arguments", call.arguments());
            }
        }
        for (int i = 0; i < toolResults.size(); i++) {
            String at = field + ".toolResults[" + i + "]";
            ToolResult result = toolResults.get(i);
            if (result == null) {
                throw new InvalidInputException(at, "must be an object, was null");
            }
            optionalShort(at + ".toolCallId", result.toolCallId());
            optionalShort(at + ".toolName", result.toolName());
            if (result.content() != null) {
                Text.requireStorable(at + ".content", result.content());
            }
        }
        int bytes = Text.utf8Bytes(json());
        if (bytes > maxBytes) {
            throw new InvalidInputException(
                    field,
                    "has name, parts, tool calls and tool results of " + bytes + " bytes as JSON (UTF-8); the limit is "
                            + maxBytes);
        }
    }

    private static void checkPart(String at, ContentPart part) {
        if (part == null) {
            throw new InvalidInputException(at, "must be an object, was null");
        }
        if (part.type() == null || !PART_TYPES.contains(part.type())) {
            throw new InvalidInputException(
                    at + ".type",
                    "unknown part type '" + Text.abbreviate(part.type())
                            + "'; expected one of text, reasoning, image, audio, video, file");
        }
        if (!part.isMedia()) {
            if (part.text() == null) {
                throw new InvalidInputException(at + ".text", "is required for a " + part.type() + " part");
            }
            Text.requireStorable(at + ".text", part.text());
            for (String other :
                    new String[] {part.url(), part.data(), part.mimeType(), part.name(), part.id(), part.detail()}) {
                if (other != null) {
                    throw new InvalidInputException(at, "a " + part.type() + " part has only 'type' and 'text'");
                }
            }
            return;
        }
        if (part.text() != null) {
            throw new InvalidInputException(
                    at + ".text", "a " + part.type() + " part has no text; give it a text part beside it");
        }
        if ((part.url() == null) == (part.data() == null)) {
            throw new InvalidInputException(at, "a " + part.type() + " part needs exactly one of 'url' and 'data'");
        }
        if (part.url() != null) {
            if (Text.characters(part.url()) > MAX_URL_CHARACTERS) {
                throw new InvalidInputException(at + ".url", "is longer than " + MAX_URL_CHARACTERS + " characters");
            }
            try {
                if (!new URI(part.url()).isAbsolute()) {
                    throw new InvalidInputException(at + ".url", "must be an absolute URI (with a scheme)");
                }
            } catch (URISyntaxException e) {
                throw new InvalidInputException(at + ".url", "is not a URI: " + e.getReason());
            }
        }
        if (part.data() != null) {
            try {
                Base64.getDecoder().decode(part.data());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(at + ".data", "is not base64 (RFC 4648, with padding)");
            }
        }
        if (part.mimeType() != null && !MIME_TYPE.matcher(part.mimeType()).matches()) {
            throw new InvalidInputException(
                    at + ".mimeType", "'" + Text.abbreviate(part.mimeType()) + "' is not a media type like image/png");
        }
        optionalShort(at + ".name", part.name());
        optionalShort(at + ".id", part.id());
        if (part.detail() != null) {
            if (!"image".equals(part.type())) {
                throw new InvalidInputException(at + ".detail", "only an image part has a detail level");
            }
            if (!DETAIL.matcher(part.detail()).matches()) {
                throw new InvalidInputException(at + ".detail", "must be 1 to 32 of a-z and _, like low, high or auto");
            }
        }
    }

    private static void count(String field, int size) {
        if (size > MAX_ITEMS) {
            throw new InvalidInputException(field, "holds " + size + " items; the limit is " + MAX_ITEMS);
        }
    }

    private static void optionalShort(String field, String value) {
        if (value != null) {
            shortText(field, value, false);
        }
    }

    private static void shortText(String field, String value, boolean required) {
        if (value == null || (required && value.isEmpty())) {
            throw new InvalidInputException(field, "is required");
        }
        Text.requireStorable(field, value);
        if (Text.characters(value) > MAX_NAME_CHARACTERS) {
            throw new InvalidInputException(field, "is longer than " + MAX_NAME_CHARACTERS + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "contains a control character");
        }
    }

    /** The extras as JSON: only the members present, in a fixed order. */
    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("extras are always writable as JSON", e);
        }
    }

    /** Extras from their JSON, as {@link #json()} writes them. */
    public static MessageExtras parse(String field, String json) {
        try {
            MessageExtras extras = JSON.readValue(json, MessageExtras.class);
            return extras == null ? EMPTY : extras;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, "is not a message's extras: " + e.getOriginalMessage());
        }
    }
}
