package dev.colloquy.message;

import dev.colloquy.domain.TimeRange;
import java.util.List;
import java.util.UUID;

/** Messages of conversations of one project at a time. */
public interface MessageStore {

    /**
     * Appends messages at the end of a conversation, all or none, assigning the next seq numbers.
     * Concurrent appends to one conversation get gap-free, unique seq numbers.
     */
    List<Message> append(UUID projectId, UUID conversationId, List<NewMessage> messages);

    /** Replaces all of a conversation's messages, all or none; seq restarts at 1. */
    List<Message> replace(UUID projectId, UUID conversationId, List<NewMessage> messages);

    /** A window of the conversation's history, in chronological order. */
    default List<Message> history(UUID projectId, UUID conversationId, History window) {
        return history(projectId, conversationId, window, TimeRange.ALL);
    }

    /**
     * A window of the conversation's messages stored within {@code range}, in chronological order:
     * the last ones of the range, or those after or before a seq.
     */
    List<Message> history(UUID projectId, UUID conversationId, History window, TimeRange range);
}
