package dev.colloquy.langchain4j;

import dev.colloquy.client.ColloquyClient;
import dev.colloquy.client.Keys;
import dev.colloquy.client.NewMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatMemoryStore} that keeps each memory as a Colloquy conversation, keyed by
 * the memory id: {@code String.valueOf(memoryId)} made a key by {@link Keys#of(String)}, behind an
 * optional prefix (so {@code 42} and {@code "42"} are one memory). Every call is one request:
 * {@code getMessages} reads the whole conversation (empty when there is none), {@code
 * updateMessages} replaces it atomically (an empty list clears it; the first update creates it),
 * {@code deleteMessages} deletes it (nothing happens when there is none).
 *
 * <pre>{@code
 * ChatMemoryStore store = ColloquyChatMemoryStore.builder()
 *         .baseUrl(URI.create("http://localhost:8080"))
 *         .token(System.getenv("COLLOQUY_TOKEN"))
 *         .build();
 * ChatMemory memory = MessageWindowChatMemory.builder()
 *         .id("user-42").maxMessages(20).chatMemoryStore(store).build();
 * }</pre>
 */
public final class ColloquyChatMemoryStore implements ChatMemoryStore {

    private static final java.util.regex.Pattern PREFIX =
            java.util.regex.Pattern.compile("[A-Za-z0-9._~:@!$&'()*+,=-]{0,100}");

    private final ColloquyClient client;
    private final String keyPrefix;

    private ColloquyChatMemoryStore(ColloquyClient client, String keyPrefix) {
        this.client = client;
        this.keyPrefix = keyPrefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How a store is made: a client, or the server's URL and a token; and an optional key prefix. */
    public static final class Builder {
        private ColloquyClient client;
        private URI baseUrl;
        private String token;
        private String keyPrefix = "";

        /** A client to use (its timeouts and retries); else one is made from the URL and token. */
        public Builder client(ColloquyClient value) {
            this.client = value;
            return this;
        }

        public Builder baseUrl(URI value) {
            this.baseUrl = value;
            return this;
        }

        public Builder token(String value) {
            this.token = value;
            return this;
        }

        /**
         * Put in front of every key, to keep these memories apart from other keyed conversations of
         * the project (for example {@code lc4j:}); made of key characters, default none.
         */
        public Builder keyPrefix(String value) {
            this.keyPrefix = Objects.requireNonNull(value, "keyPrefix");
            return this;
        }

        public ColloquyChatMemoryStore build() {
            if (!PREFIX.matcher(keyPrefix).matches()) {
                throw new IllegalArgumentException(
                        "keyPrefix must be at most 100 of A-Z a-z 0-9 - . _ ~ : @ ! $ & ' ( ) * + , =, was "
                                + keyPrefix);
            }
            ColloquyClient made = client != null
                    ? client
                    : ColloquyClient.builder(Objects.requireNonNull(baseUrl, "baseUrl or client"))
                            .token(token)
                            .build();
            return new ColloquyChatMemoryStore(made, keyPrefix);
        }
    }

    /** The conversation key of a memory id. */
    public String key(Object memoryId) {
        Objects.requireNonNull(memoryId, "memoryId");
        return keyPrefix + Keys.of(String.valueOf(memoryId));
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        return client.messagesByKey(key(memoryId)).stream()
                .map(LangChain4jMessages::toLangChain4j)
                .toList();
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        List<NewMessage> mapped =
                messages.stream().map(LangChain4jMessages::toColloquy).toList();
        client.replaceByKey(key(memoryId), mapped);
    }

    @Override
    public void deleteMessages(Object memoryId) {
        client.deleteByKey(key(memoryId));
    }
}
