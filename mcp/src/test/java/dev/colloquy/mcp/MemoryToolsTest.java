package dev.colloquy.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.client.Conversation;
import dev.colloquy.client.ConversationQuery;
import dev.colloquy.client.Message;
import dev.colloquy.client.NewMessage;
import dev.colloquy.client.Page;
import dev.colloquy.client.SearchQuery;
import dev.colloquy.client.SearchResults;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemoryToolsTest {

    /** Records what the tools asked for; holds nothing. */
    static final class Recording implements Memory {
        final List<Object> asked = new ArrayList<>();

        @Override
        public SearchResults search(SearchQuery query) {
            asked.add(query);
            return new SearchResults(List.of(), false);
        }

        @Override
        public Optional<Conversation> conversationByKey(String key) {
            asked.add("key " + key);
            return Optional.empty();
        }

        @Override
        public Optional<Conversation> conversation(UUID id) {
            asked.add(id);
            return Optional.empty();
        }

        @Override
        public List<Message> lastMessages(UUID conversationId, int last) {
            asked.add("last " + last);
            return List.of();
        }

        @Override
        public List<Message> appendByKey(String key, List<NewMessage> messages) {
            asked.add(messages);
            return List.of();
        }

        @Override
        public Page<Conversation> conversations(ConversationQuery query, String cursor) {
            asked.add(query);
            return new Page<>(List.of(), Optional.empty());
        }
    }

    @Test
    void everyInputSchemaIsAValidJsonSchema() {
        var validator = new DefaultJsonSchemaValidator();
        assertThat(MemoryTools.tools())
                .hasSize(4)
                .allSatisfy(tool -> assertThat(
                                validator.validateSchema(tool.inputSchema()).valid())
                        .as(tool.name())
                        .isTrue());
        // and the schemas say what the tools check: a valid call passes both
        var search = MemoryTools.tools().get(0).inputSchema();
        assertThat(validator
                        .validate(search, Map.of("query", "x", "limit", 5, "metadata", Map.of("a", "b")))
                        .valid())
                .isTrue();
        assertThat(validator
                        .validate(search, Map.of("query", "x", "limit", 500))
                        .valid())
                .isFalse();
    }

    @Test
    void argumentsAreCheckedBeforeTheMemoryIsAsked() {
        var memory = new Recording();
        assertThat(refusal(memory, "search_memory", Map.of("query", 3)))
                .isEqualTo("Invalid request: 'query' must be a string");
        assertThat(refusal(memory, "search_memory", Map.of("query", "x", "limit", 2.5)))
                .isEqualTo("Invalid request: 'limit' must be a whole number from 1 to 100");
        assertThat(refusal(memory, "search_memory", Map.of("query", "x", "conversation_id", "nope")))
                .isEqualTo("Invalid request: 'conversation_id' must be a conversation id (a UUID)");
        assertThat(refusal(
                        memory,
                        "search_memory",
                        Map.of(
                                "query",
                                "x",
                                "key",
                                "k",
                                "conversation_id",
                                UUID.randomUUID().toString())))
                .contains("give one of them");
        assertThat(refusal(memory, "search_memory", Map.of("query", "x", "metadata", Map.of("a", 1))))
                .isEqualTo("Invalid request: 'metadata.a' must be a string");
        assertThat(refusal(memory, "remember", Map.of("key", "k", "messages", List.of())))
                .isEqualTo("Invalid request: 'messages' must hold 1 to 100 messages");
        assertThat(refusal(memory, "remember", Map.of("key", "k", "messages", List.of("hello"))))
                .isEqualTo("Invalid request: 'messages[0]' must be an object");
        assertThat(refusal(
                        memory,
                        "remember",
                        Map.of(
                                "key",
                                "k",
                                "messages",
                                List.of(Map.of("role", "user", "content", "x", "mood", "glad")))))
                .contains("'mood' is not an argument of remember");
        assertThat(refusal(memory, "forget", Map.of())).isEqualTo("Not found: no tool named forget");
        assertThat(memory.asked).as("nothing reached the memory").isEmpty();
    }

    @Test
    void aSearchByAKeyNobodyWroteFindsNothingWithoutSearching() {
        var memory = new Recording();
        var result = MemoryTools.call(memory, new CallToolRequest("search_memory", Map.of("query", "x", "key", "k")));
        assertThat(result.isError()).isFalse();
        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("{\"items\":[],\"capped\":false}");
        assertThat(memory.asked).containsExactly("key k");
    }

    @Test
    void keysInResourceUrisArePercentDecodedStrictly() {
        assertThat(MemoryTools.decode("a%25b%3A%E2%82%AC~")).isEqualTo("a%b:€~");
        assertThat(MemoryTools.decode("plain")).isEqualTo("plain");
        assertThatThrownBy(() -> MemoryTools.decode("bad%4")).isInstanceOf(MemoryException.class);
        assertThatThrownBy(() -> MemoryTools.decode("bad%zz")).isInstanceOf(MemoryException.class);
        assertThatThrownBy(() -> MemoryTools.decode("%C0%AF"))
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> MemoryTools.read(new Recording(), "colloquy://keys/missing"))
                .isInstanceOf(MemoryException.class)
                .satisfies(e -> assertThat(((MemoryException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> MemoryTools.read(new Recording(), "colloquy://elsewhere/x"))
                .isInstanceOf(MemoryException.class);
    }

    private static String refusal(Memory memory, String tool, Map<String, Object> arguments) {
        var result = MemoryTools.call(memory, new CallToolRequest(tool, arguments));
        assertThat(result.isError()).isTrue();
        return ((TextContent) result.content().get(0)).text();
    }
}
