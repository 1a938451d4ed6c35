package dev.colloquy.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One part of a message's content beyond its text, in the order the client gave them: {@code
 * text} or {@code reasoning} (with {@code text}), or a reference to media — {@code image}, {@code
 * audio}, {@code video} or {@code file} — by {@code url} or inline base64 {@code data}, with an
 * optional {@code mimeType}, {@code name}, {@code id} and (images) {@code detail}. Fields that do
 * not apply to the type are null; {@link MessageExtras#check} says which each type takes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentPart(
        String type, String text, String url, String data, String mimeType, String name, String id, String detail) {

    public static ContentPart text(String text) {
        return new ContentPart("text", text, null, null, null, null, null, null);
    }

    public static ContentPart image(String url) {
        return new ContentPart("image", null, url, null, null, null, null, null);
    }

    @JsonIgnore
    boolean isMedia() {
        return !"text".equals(type) && !"reasoning".equals(type);
    }
}
