package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One part of a message's content, in order: {@code text} or {@code reasoning} (with {@code
 * text}), or media — {@code image}, {@code audio}, {@code video}, {@code file} — by {@code url} or
 * inline base64 {@code data}, with an optional {@code mimeType}, {@code name}, {@code id} and
 * (images) {@code detail}. Members that do not apply are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContentPart(
        String type, String text, String url, String data, String mimeType, String name, String id, String detail) {

    public static ContentPart text(String text) {
        return new ContentPart("text", text, null, null, null, null, null, null);
    }

    public static ContentPart reasoning(String text) {
        return new ContentPart("reasoning", text, null, null, null, null, null, null);
    }

    /** Media by URL: {@code type} is image, audio, video or file. */
    public static ContentPart url(String type, String url, String mimeType) {
        return new ContentPart(type, null, url, null, mimeType, null, null, null);
    }

    /** Media inline: {@code base64} is the content, base64-encoded with padding. */
    public static ContentPart data(String type, String base64, String mimeType) {
        return new ContentPart(type, null, null, base64, mimeType, null, null, null);
    }
}
