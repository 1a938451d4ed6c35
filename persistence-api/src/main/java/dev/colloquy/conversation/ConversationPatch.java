package dev.colloquy.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A change to a conversation with the meaning of a JSON merge patch (RFC 7396) of its {@code
 * key}, {@code title}, {@code metadata} and {@code tags}: a part left out stays as it is; a key or
 * title given as null is removed; the metadata patch is merged into the metadata (null members remove keys, a null
 * patch empties it); tags replace the whole set.
 */
public final class ConversationPatch {

    private final Optional<Optional<String>> key;
    private final Optional<Optional<String>> title;
    private final Optional<JsonNode> metadataPatch;
    private final Optional<List<String>> tags;

    private ConversationPatch(
            Optional<Optional<String>> key,
            Optional<Optional<String>> title,
            Optional<JsonNode> metadataPatch,
            Optional<List<String>> tags) {
        this.key = key;
        this.title = title;
        this.metadataPatch = metadataPatch;
        this.tags = tags;
    }

    public static ConversationPatch none() {
        return new ConversationPatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Sets the key; an empty optional removes it. */
    public ConversationPatch key(Optional<String> value) {
        return new ConversationPatch(Optional.of(value), title, metadataPatch, tags);
    }

    /** Sets the title; an empty optional removes it. */
    public ConversationPatch title(Optional<String> value) {
        return new ConversationPatch(key, Optional.of(value), metadataPatch, tags);
    }

    /** Merges a patch into the metadata; a JSON null empties it. */
    public ConversationPatch mergeMetadata(JsonNode patch) {
        return new ConversationPatch(key, title, Optional.of(patch == null ? NullNode.instance : patch), tags);
    }

    /** Replaces the tags. */
    public ConversationPatch tags(List<String> value) {
        return new ConversationPatch(
                key, title, metadataPatch, Optional.of(Collections.unmodifiableList(new ArrayList<>(value))));
    }

    public Optional<Optional<String>> key() {
        return key;
    }

    public Optional<Optional<String>> title() {
        return title;
    }

    public Optional<JsonNode> metadataPatch() {
        return metadataPatch;
    }

    public Optional<List<String>> tags() {
        return tags;
    }

    public boolean isEmpty() {
        return key.isEmpty() && title.isEmpty() && metadataPatch.isEmpty() && tags.isEmpty();
    }
}
