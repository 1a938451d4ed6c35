package dev.colloquy.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A change of a conversation (a JSON merge patch): what is not set stays as it is; a null key or
 * title removes it; metadata members are merged (a null member removes that key); tags replace the
 * whole set.
 */
public final class ConversationPatch {

    private final Map<String, Object> members;

    private ConversationPatch(Map<String, Object> members) {
        this.members = members;
    }

    public static ConversationPatch none() {
        return new ConversationPatch(Map.of());
    }

    private ConversationPatch with(String name, Object value) {
        var more = new LinkedHashMap<>(members);
        more.put(name, value);
        return new ConversationPatch(more);
    }

    /** Sets the key, or removes it with null. */
    public ConversationPatch key(String value) {
        return with("key", value);
    }

    /** Sets the title, or removes it with null. */
    public ConversationPatch title(String value) {
        return with("title", value);
    }

    /** Merges these members into the metadata; a null value removes its key. */
    public ConversationPatch mergeMetadata(Map<String, Object> value) {
        return with("metadata", value);
    }

    /** Replaces the tags. */
    public ConversationPatch tags(List<String> value) {
        return with("tags", List.copyOf(value));
    }

    Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }
}
