package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** What a new conversation starts with; every member may be null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewConversation(String key, String title, Map<String, Object> metadata, List<String> tags) {

    public static NewConversation empty() {
        return new NewConversation(null, null, null, null);
    }

    public static NewConversation titled(String title) {
        return new NewConversation(null, title, null, null);
    }
}
