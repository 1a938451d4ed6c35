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

    /**
     * The conversation, kept from changing by others until the running unit of work ends (a row
     * lock where the database has them; writers are serialized where it does not): for a check
     * that must still hold when the change it guards is made ({@code If-Match}). Outside a unit
     * of work the lock ends at once.
     */
    Conversation lock(UUID projectId, UUID conversationId);
}
