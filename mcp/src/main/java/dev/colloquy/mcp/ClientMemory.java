package dev.colloquy.mcp;

import dev.colloquy.client.ColloquyClient;
import dev.colloquy.client.ColloquyProblemException;
import dev.colloquy.client.Conversation;
import dev.colloquy.client.ConversationQuery;
import dev.colloquy.client.HistoryQuery;
import dev.colloquy.client.Message;
import dev.colloquy.client.NewMessage;
import dev.colloquy.client.Page;
import dev.colloquy.client.SearchQuery;
import dev.colloquy.client.SearchResults;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** The memory behind a Colloquy server's REST API, through the Java client and its token. */
public final class ClientMemory implements Memory {

    private final ColloquyClient client;

    public ClientMemory(ColloquyClient client) {
        this.client = client;
    }

    @Override
    public SearchResults search(SearchQuery query) {
        return call(() -> client.search(query));
    }

    @Override
    public Optional<Conversation> conversationByKey(String key) {
        return call(() -> client.findByKey(key));
    }

    @Override
    public Optional<Conversation> conversation(UUID id) {
        return call(() -> {
            try {
                return Optional.of(client.getConversation(id));
            } catch (ColloquyProblemException.NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public List<Message> lastMessages(UUID conversationId, int last) {
        return call(() -> client.history(conversationId, HistoryQuery.last(last)));
    }

    @Override
    public List<Message> appendByKey(String key, List<NewMessage> messages) {
        return call(() -> client.appendByKey(key, messages));
    }

    @Override
    public Page<Conversation> conversations(ConversationQuery query, String cursor) {
        return call(() -> client.listConversations(query, cursor));
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ColloquyProblemException e) {
            throw new MemoryException(e.status(), e.title(), e.detail());
        }
    }
}
