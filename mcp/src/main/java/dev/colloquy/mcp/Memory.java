package dev.colloquy.mcp;

import dev.colloquy.client.Conversation;
import dev.colloquy.client.ConversationQuery;
import dev.colloquy.client.Message;
import dev.colloquy.client.NewMessage;
import dev.colloquy.client.Page;
import dev.colloquy.client.SearchQuery;
import dev.colloquy.client.SearchResults;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One caller's memory, as the MCP tools see it: the project a token opens, reached through the
 * REST API ({@link ClientMemory}) or, inside the server, through its stores. Every method answers
 * what the REST API answers for the same request, in the Java client's types; a request the
 * service refuses throws {@link MemoryException} with the API's status and detail.
 */
public interface Memory {

    /** {@code GET /v1/search}. */
    SearchResults search(SearchQuery query);

    /** The conversation with this key, if one was written. */
    Optional<Conversation> conversationByKey(String key);

    /** The conversation with this id, if the caller's project holds it. */
    Optional<Conversation> conversation(UUID id);

    /** The last {@code last} messages of a conversation, oldest first. */
    List<Message> lastMessages(UUID conversationId, int last);

    /** Appends to the conversation with this key, creating it on the first write; the stored messages. */
    List<Message> appendByKey(String key, List<NewMessage> messages);

    /** {@code GET /v1/conversations}. */
    Page<Conversation> conversations(ConversationQuery query, String cursor);
}
