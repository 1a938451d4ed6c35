package dev.colloquy.conversation;

import dev.colloquy.domain.Page;
import java.util.List;
import java.util.UUID;

/** Conversations of one project at a time; another project's ids are not found. */
public interface ConversationStore {

    Conversation create(UUID projectId, NewConversation conversation);

    /** The conversation, or {@link dev.colloquy.domain.NotFoundException}. */
    Conversation get(UUID projectId, UUID conversationId);

    Page<Conversation> list(UUID projectId, ConversationFilter filter);

    Conversation update(UUID projectId, UUID conversationId, ConversationPatch patch);

    /** Deletes the conversation and its messages. */
    void delete(UUID projectId, UUID conversationId);

    /** The project's tags in use, by name, with the number of conversations carrying each. */
    List<TagCount> tags(UUID projectId);
}
