package dev.colloquy.conversation;

import dev.colloquy.domain.Metadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What a caller gives to create a conversation; every part is optional. */
public record NewConversation(Optional<String> key, Optional<String> title, Metadata metadata, List<String> tags) {

    public NewConversation {
        key = key == null ? Optional.empty() : key;
        metadata = metadata == null ? Metadata.EMPTY : metadata;
        tags = tags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tags));
    }

    public NewConversation(Optional<String> title, Metadata metadata, List<String> tags) {
        this(Optional.empty(), title, metadata, tags);
    }

    public static NewConversation empty() {
        return new NewConversation(Optional.empty(), Metadata.EMPTY, List.of());
    }

    public static NewConversation titled(String title) {
        return new NewConversation(Optional.of(title), Metadata.EMPTY, List.of());
    }

    public NewConversation withKey(String value) {
        return new NewConversation(Optional.of(value), title, metadata, tags);
    }

    public NewConversation withMetadata(Metadata value) {
        return new NewConversation(key, title, value, tags);
    }

    public NewConversation withTags(String... values) {
        return new NewConversation(key, title, metadata, Arrays.asList(values));
    }
}
