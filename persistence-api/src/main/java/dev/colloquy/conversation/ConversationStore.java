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

    /** The conversation with the client's {@code key}, or {@link dev.colloquy.domain.NotFoundException}. */
    Conversation getByKey(UUID projectId, String key);

    /**
     * The conversation with the client's {@code key}, created (untitled, empty) when none has it.
     * Concurrent first writes of one key create one conversation: all of them get it.
     */
    Conversation ensureKey(UUID projectId, String key);

    /** Deletes the conversation with the key and its messages; false when no conversation has the key. */
    boolean deleteByKey(UUID projectId, String key);

    /**
     * A page of the project's conversations that have a key, in the byte order of their keys,
     * after the cursor of the previous page.
     */
    Page<Conversation> keyed(UUID projectId, java.util.Optional<String> cursor, int limit);

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
