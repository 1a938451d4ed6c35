package dev.colloquy.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.colloquy.client.ColloquyException;
import dev.colloquy.client.Conversation;
import dev.colloquy.client.ConversationQuery;
import dev.colloquy.client.Message;
import dev.colloquy.client.NewMessage;
import dev.colloquy.client.Role;
import dev.colloquy.client.SearchMode;
import dev.colloquy.client.SearchQuery;
import dev.colloquy.client.SearchResults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The tools and resources Colloquy offers an agent, defined once for every transport: what each
 * takes (a JSON schema, checked strictly), what it does against a {@link Memory}, and what it
 * answers (the result as JSON text and as structured content).
 */
public final class MemoryTools {

    public static final String SEARCH = "search_memory";
    public static final String RECALL = "recall";
    public static final String REMEMBER = "remember";
    public static final String LIST = "list_conversations";

    /** The most hits, messages or conversations one call returns, and the most messages one call stores. */
    public static final int MAX_ITEMS = 100;

    /** The most messages a transcript resource holds: the conversation's last ones. */
    public static final int TRANSCRIPT_MESSAGES = 1000;

    /** The titles of refusals, the REST API's own. */
    static final String INVALID = "Invalid request";

    static final String NOT_FOUND = "Not found";

    public static final String CONVERSATION_URI = "colloquy://conversations/";
    public static final String KEY_URI = "colloquy://keys/";

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final String ROLES = "[\"system\", \"user\", \"assistant\", \"tool\"]";
    private static final String METADATA = """
            "metadata": {"type": "object", "additionalProperties": {"type": "string"},
              "description": "only items whose metadata has each of these keys with exactly this value"}""";

    private MemoryTools() {}

    /** The four tools, with their input schemas. */
    public static List<Tool> tools() {
        return List.of(
                tool(
                        SEARCH,
                        "Search memory",
                        "Search the messages of this project's conversations, best match first: by words (the"
                                + " default; the query syntax: words (all must match), \"a quoted phrase\", prefix*,"
                                + " -excluded), by meaning (mode semantic), or both (mode hybrid)."
                                + " Each hit names its conversation, the message's seq and role, a snippet and a"
                                + " score.",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["query"], "properties": {
                          "query": {"type": "string", "minLength": 1, "description": "what to look for"},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
                          "key": {"type": "string", "description": "only the conversation with this key"},
                          "conversation_id": {"type": "string", "format": "uuid",
                            "description": "only this conversation"},
                          "tag": {"type": "string", "description": "only conversations with this tag"},
                          "role": {"enum": %s, "description": "only messages by this role"},
                          "since": {"type": "string", "format": "date-time",
                            "description": "only messages written at or after this instant"},
                          "until": {"type": "string", "format": "date-time",
                            "description": "only messages written before this instant"},
                          "mode": {"enum": ["keyword", "semantic", "hybrid"], "default": "keyword",
                            "description": "keyword: by words; semantic: by meaning (the nearest messages, each with its similarity); hybrid: both rankings fused"},
                          %s
                        }}""".formatted(ROLES, METADATA),
                        true),
                tool(
                        RECALL,
                        "Recall a conversation",
                        "The last messages of the conversation with this key, oldest first, with the"
                                + " conversation itself (null, with no messages, when nothing was stored under the"
                                + " key yet).",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["key"], "properties": {
                          "key": {"type": "string", "minLength": 1, "maxLength": 200,
                            "description": "the conversation's key, chosen by whoever wrote it"},
                          "last": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20,
                            "description": "how many of the newest messages"}
                        }}""",
                        true),
                tool(
                        REMEMBER,
                        "Remember messages",
                        "Appends messages to the conversation with this key (created by the first write),"
                                + " all of them or none; answers the stored messages with their seq.",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["key", "messages"],
                         "properties": {
                          "key": {"type": "string", "minLength": 1, "maxLength": 200,
                            "description": "the conversation's key: 1 to 200 of A-Z a-z 0-9 - . _ ~ : @ ! $ & ' ( ) * + , = %%"},
                          "messages": {"type": "array", "minItems": 1, "maxItems": 100, "items": {
                            "type": "object", "additionalProperties": false, "required": ["role", "content"],
                            "properties": {
                              "role": {"enum": %s},
                              "content": {"type": "string"},
                              "name": {"type": "string", "description": "who wrote it, where the role is shared"},
                              "metadata": {"type": "object", "description": "any JSON object"}
                            }}}
                        }}""".formatted(ROLES),
                        false),
                tool(
                        LIST,
                        "List conversations",
                        "This project's conversations, most recently updated first, with their key, title, tags,"
                                + " metadata and message count; nextCursor continues the list.",
                        """
                        {"type": "object", "additionalProperties": false, "properties": {
                          "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                          "tag": {"type": "string", "description": "only conversations with this tag"},
                          "updated_since": {"type": "string", "format": "date-time",
                            "description": "only conversations updated at or after this instant"},
                          "cursor": {"type": "string", "description": "nextCursor of the page before"},
                          %s
                        }}""".formatted(METADATA),
                        true));
    }

    /** The two transcript resources: a conversation by id, and by key. */
    public static List<ResourceTemplate> resourceTemplates() {
        return List.of(
                ResourceTemplate.builder()
                        .uriTemplate(CONVERSATION_URI + "{id}")
                        .name("conversation")
                        .title("Conversation transcript by id")
                        .description("The conversation and its last " + TRANSCRIPT_MESSAGES
                                + " messages, oldest first, as JSON")
                        .mimeType("application/json")
                        .build(),
                ResourceTemplate.builder()
                        .uriTemplate(KEY_URI + "{key}")
                        .name("conversation-by-key")
                        .title("Conversation transcript by key")
                        .description("The conversation with this key (percent-encoded) and its last "
                                + TRANSCRIPT_MESSAGES + " messages, oldest first, as JSON")
                        .mimeType("application/json")
                        .build());
    }

    private static Tool tool(String name, String title, String description, String schema, boolean readOnly) {
        try {
            return Tool.builder()
                    .name(name)
                    .title(title)
                    .description(description)
                    .inputSchema(JSON.readValue(schema, new TypeReference<Map<String, Object>>() {}))
                    .annotations(new ToolAnnotations(title, readOnly, false, readOnly, false, null))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the input schema of " + name + " is not JSON", e);
        }
    }

    /** Runs a tool call against the memory; a refused request is an error result, never an exception. */
    public static CallToolResult call(Memory memory, CallToolRequest request) {
        try {
            Object result = switch (request.name()) {
                case SEARCH -> search(memory, request.arguments());
                case RECALL -> recall(memory, request.arguments());
                case REMEMBER -> remember(memory, request.arguments());
                case LIST -> list(memory, request.arguments());
                default -> throw new MemoryException(404, NOT_FOUND, "no tool named " + request.name());
            };
            Map<String, Object> structured = JSON.convertValue(result, new TypeReference<>() {});
            return CallToolResult.builder()
                    .addTextContent(JSON.writeValueAsString(structured))
                    .structuredContent(structured)
                    .isError(false)
                    .build();
        } catch (MemoryException e) {
            return error(e.title() + ": " + e.detail());
        } catch (ColloquyException e) {
            return error("Colloquy could not be reached: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result could not be written as JSON", e);
        }
    }

    private static CallToolResult error(String text) {
        return CallToolResult.builder().addTextContent(text).isError(true).build();
    }

    private static SearchResults search(Memory memory, Map<String, Object> values) {
        var args = new Arguments(
                SEARCH,
                values,
                Set.of(
                        "query",
                        "limit",
                        "key",
                        "conversation_id",
                        "tag",
                        "role",
                        "since",
                        "until",
                        "metadata",
                        "mode"));
        String query = args.requiredText("query");
        var key = args.optionalKey("key");
        var conversationId = args.id("conversation_id");
        if (key.isPresent() && conversationId.isPresent()) {
            throw args.invalid("key", "and 'conversation_id' name a conversation each; give one of them");
        }
        if (key.isPresent()) {
            Optional<Conversation> keyed = memory.conversationByKey(key.get());
            if (keyed.isEmpty()) {
                return new SearchResults(List.of(), false);
            }
            conversationId = Optional.of(keyed.get().id());
        }
        var search = new SearchQuery(
                query,
                args.integer("limit", 1, MAX_ITEMS, 10),
                args.text("tag").orElse(null),
                args.text("role").map(role -> role(args, "role", role)).orElse(null),
                conversationId.orElse(null),
                args.instant("since").orElse(null),
                args.instant("until").orElse(null),
                args.stringMap("metadata"),
                args.text("mode").map(mode -> mode(args, mode)).orElse(null));
        return memory.search(search);
    }

    private static SearchMode mode(Arguments args, String mode) {
        return switch (mode) {
            case "keyword" -> SearchMode.KEYWORD;
            case "semantic" -> SearchMode.SEMANTIC;
            case "hybrid" -> SearchMode.HYBRID;
            default -> throw args.invalid("mode", "must be keyword, semantic or hybrid");
        };
    }

    /** What {@code recall} answers. */
    record Recalled(Conversation conversation, List<Message> messages) {}

    private static Recalled recall(Memory memory, Map<String, Object> values) {
        var args = new Arguments(RECALL, values, Set.of("key", "last"));
        String key = args.key("key");
        int last = args.integer("last", 1, MAX_ITEMS, 20);
        var conversation = memory.conversationByKey(key);
        if (conversation.isEmpty()) {
            return new Recalled(null, List.of());
        }
        return new Recalled(
                conversation.get(), memory.lastMessages(conversation.get().id(), last));
    }

    /** What {@code remember} answers. */
    record Remembered(UUID conversationId, List<Message> messages) {}

    private static Remembered remember(Memory memory, Map<String, Object> values) {
        var args = new Arguments(REMEMBER, values, Set.of("key", "messages"));
        String key = args.key("key");
        List<?> given = args.list("messages");
        if (given.isEmpty() || given.size() > MAX_ITEMS) {
            throw args.invalid("messages", "must hold 1 to " + MAX_ITEMS + " messages");
        }
        var messages = new ArrayList<NewMessage>();
        for (int i = 0; i < given.size(); i++) {
            String field = "messages[" + i + "]";
            if (!(given.get(i) instanceof Map<?, ?> raw)) {
                throw args.invalid(field, "must be an object");
            }
            var fields = new LinkedHashMap<String, Object>();
            raw.forEach((k, v) -> fields.put(String.valueOf(k), v));
            var message = new Arguments(REMEMBER, fields, Set.of("role", "content", "name", "metadata"));
            Role role = role(args, field + ".role", message.requiredText("role"));
            String content = message.text("content").orElseThrow(() -> args.invalid(field + ".content", "is required"));
            Object metadata = fields.get("metadata");
            if (metadata != null && !(metadata instanceof Map)) {
                throw args.invalid(field + ".metadata", "must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = metadata == null ? null : (Map<String, Object>) metadata;
            messages.add(new NewMessage(role, message.text("name").orElse(null), content, null, null, null, meta));
        }
        List<Message> stored = memory.appendByKey(key, messages);
        return new Remembered(stored.isEmpty() ? null : stored.get(0).conversationId(), stored);
    }

    /** What {@code list_conversations} answers. */
    record Listed(List<Conversation> items, String nextCursor) {}

    private static Listed list(Memory memory, Map<String, Object> values) {
        var args = new Arguments(LIST, values, Set.of("limit", "tag", "updated_since", "cursor", "metadata"));
        var query = new ConversationQuery(
                args.integer("limit", 1, MAX_ITEMS, 20),
                args.text("tag").orElse(null),
                args.stringMap("metadata"),
                args.instant("updated_since").orElse(null));
        var page = memory.conversations(query, args.text("cursor").orElse(null));
        return new Listed(page.items(), page.nextCursor().orElse(null));
    }

    private static Role role(Arguments args, String field, String value) {
        return switch (value) {
            case "system", "user", "assistant", "tool" -> Role.valueOf(value.toUpperCase(Locale.ROOT));
            default -> throw args.invalid(field, "must be one of system, user, assistant, tool");
        };
    }

    /** What a transcript resource holds. */
    record Transcript(Conversation conversation, List<Message> messages) {}

    /**
     * Reads {@code colloquy://conversations/{id}} or {@code colloquy://keys/{key}}.
     *
     * @throws MemoryException 404 when the caller's project holds no such conversation, 400 for
     *     a URI that names none
     */
    public static ReadResourceResult read(Memory memory, String uri) {
        Optional<Conversation> conversation;
        if (uri.startsWith(CONVERSATION_URI)) {
            UUID id;
            try {
                id = UUID.fromString(uri.substring(CONVERSATION_URI.length()));
            } catch (IllegalArgumentException e) {
                throw new MemoryException(400, INVALID, "'" + uri + "' does not end in a conversation id");
            }
            conversation = memory.conversation(id);
        } else if (uri.startsWith(KEY_URI)) {
            String key = decode(uri.substring(KEY_URI.length()));
            new Arguments("a transcript resource", Map.of("key", key), Set.of("key")).key("key");
            conversation = memory.conversationByKey(key);
        } else {
            throw new MemoryException(404, NOT_FOUND, "no resource at '" + uri + "'");
        }
        if (conversation.isEmpty()) {
            throw new MemoryException(404, NOT_FOUND, "no conversation at '" + uri + "'");
        }
        var transcript = new Transcript(
                conversation.get(), memory.lastMessages(conversation.get().id(), TRANSCRIPT_MESSAGES));
        try {
            return new ReadResourceResult(
                    List.of(new TextResourceContents(uri, "application/json", JSON.writeValueAsString(transcript))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a transcript could not be written as JSON", e);
        }
    }

    /** Percent-decodes a key taken from a URI, strictly (a '%' not followed by two hex digits is refused). */
    static String decode(String encoded) {
        var bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < encoded.length()) {
            int percent = encoded.indexOf('%', i);
            int end = percent < 0 ? encoded.length() : percent;
            byte[] literal = encoded.substring(i, end).getBytes(StandardCharsets.UTF_8);
            bytes.write(literal, 0, literal.length);
            i = end;
            if (i < encoded.length()) {
                if (i + 2 >= encoded.length()
                        || Character.digit(encoded.charAt(i + 1), 16) < 0
                        || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                    throw new MemoryException(
                            400, INVALID, "the key in the URI has a '%' not followed by two hex digits");
                }
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 3;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MemoryException(400, INVALID, "the key in the URI is not UTF-8 once decoded");
        }
    }
}
