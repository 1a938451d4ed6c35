package dev.colloquy.springai;

import dev.colloquy.client.ColloquyClient;
import dev.colloquy.client.Conversation;
import dev.colloquy.client.Keys;
import dev.colloquy.client.NewMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemoryRepository} that keeps each conversation as a Colloquy conversation,
 * keyed by the conversation id ({@link Keys#of(String)}, behind an optional prefix). {@code
 * saveAll} replaces the conversation's messages in one atomic change (an empty list clears it; the
 * first save creates it), {@code findByConversationId} answers an empty list for an unknown id,
 * {@code deleteByConversationId} does nothing for one, and {@code findConversationIds} pages
 * through every keyed conversation (only those under the prefix when one is set).
 */
public final class ColloquyChatMemoryRepository implements ChatMemoryRepository {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._~:@!$&'()*+,=-]{0,100}");

    private final ColloquyClient client;
    private final String keyPrefix;

    /**
     * @param client the client of the server (its token, timeouts and retries)
     * @param keyPrefix put in front of every key to keep these conversations apart from other keyed
     *     ones of the project: up to 100 of {@code A-Z a-z 0-9 - . _ ~ : @ ! $ & ' ( ) * + , =}; may
     *     be empty
     */
    public ColloquyChatMemoryRepository(ColloquyClient client, String keyPrefix) {
        this.client = Objects.requireNonNull(client, "client");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (!PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException(
                    "the key prefix must be at most 100 of A-Z a-z 0-9 - . _ ~ : @ ! $ & ' ( ) * + , =, was "
                            + keyPrefix);
        }
    }

    public ColloquyChatMemoryRepository(ColloquyClient client) {
        this(client, "");
    }

    /** The conversation key of a conversation id. */
    public String key(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        return keyPrefix + Keys.of(conversationId);
    }

    @Override
    public List<String> findConversationIds() {
        var ids = new ArrayList<String>();
        for (Conversation conversation : client.keyedConversations()) {
            String key = conversation.key();
            if (key.startsWith(keyPrefix)) {
                ids.add(Keys.id(key.substring(keyPrefix.length())));
            }
        }
        return ids;
    }

    @Override
    public List<Message> findByConversationId(String conversationId) {
        return client.messagesByKey(key(conversationId)).stream()
                .map(SpringAiMessages::toSpringAi)
                .toList();
    }

    @Override
    public void saveAll(String conversationId, List<Message> messages) {
        List<NewMessage> mapped =
                messages.stream().map(SpringAiMessages::toColloquy).toList();
        client.replaceByKey(key(conversationId), mapped);
    }

    @Override
    public void deleteByConversationId(String conversationId) {
        client.deleteByKey(key(conversationId));
    }
}
