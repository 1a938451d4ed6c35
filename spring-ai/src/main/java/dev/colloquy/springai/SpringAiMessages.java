package dev.colloquy.springai;

import dev.colloquy.client.ContentPart;
import dev.colloquy.client.Message;
import dev.colloquy.client.NewMessage;
import dev.colloquy.client.Role;
import dev.colloquy.client.ToolCall;
import dev.colloquy.client.ToolResult;
import java.net.URL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/**
 * Spring AI's messages as Colloquy's, and back, so that a message read back equals the one saved:
 * text as the content, metadata as the message's metadata (without the {@code messageType} Spring
 * AI adds itself), an assistant message's tool calls, a tool response message's responses as
 * tool results, and media as parts (an image, audio or video part by the media type's top level,
 * else a file; the media's name and id kept). Media given as a URL (a text starting with a URL
 * scheme, or a {@link URL}) reads back as that URL's text; media given as bytes or as base64 text
 * reads back as bytes.
 */
final class SpringAiMessages {

    private SpringAiMessages() {}

    static NewMessage toColloquy(org.springframework.ai.chat.messages.Message message) {
        Map<String, Object> metadata = new LinkedHashMap<>(message.getMetadata());
        metadata.remove(AbstractMessage.MESSAGE_TYPE);
        if (message instanceof UserMessage user) {
            return new NewMessage(Role.USER, null, user.getText(), parts(user.getMedia()), null, null, metadata);
        }
        if (message instanceof AssistantMessage assistant) {
            var calls = assistant.getToolCalls().stream()
                    .map(call -> new ToolCall(call.id(), call.type(), call.name(), call.arguments()))
                    .toList();
            var parts = parts(assistant.getMedia());
            String text = assistant.getText() == null && calls.isEmpty() && parts.isEmpty() ? "" : assistant.getText();
            return new NewMessage(Role.ASSISTANT, null, text, parts, calls, null, metadata);
        }
        if (message instanceof SystemMessage system) {
            return new NewMessage(Role.SYSTEM, null, system.getText(), null, null, null, metadata);
        }
        if (message instanceof ToolResponseMessage tool) {
            var results = tool.getResponses().stream()
                    .map(r -> new ToolResult(r.id(), r.name(), r.responseData(), null))
                    .toList();
            return new NewMessage(Role.TOOL, null, results.isEmpty() ? "" : null, null, null, results, metadata);
        }
        throw new IllegalArgumentException(
                "Colloquy keeps user, assistant, system and tool messages; not a " + message.getMessageType());
    }

    static org.springframework.ai.chat.messages.Message toSpringAi(Message message) {
        Map<String, Object> metadata = new LinkedHashMap<>(message.metadata());
        return switch (message.role()) {
            case USER ->
                UserMessage.builder()
                        .text(message.content() == null ? "" : message.content())
                        .media(media(message.parts()))
                        .metadata(metadata)
                        .build();
            case ASSISTANT ->
                AssistantMessage.builder()
                        .content(message.content())
                        .properties(metadata)
                        .toolCalls(message.toolCalls().stream()
                                .map(call -> new AssistantMessage.ToolCall(
                                        call.id(), call.type(), call.name(), call.arguments()))
                                .toList())
                        .media(media(message.parts()))
                        .build();
            case SYSTEM ->
                SystemMessage.builder()
                        .text(message.content())
                        .metadata(metadata)
                        .build();
            case TOOL ->
                ToolResponseMessage.builder()
                        .responses(message.toolResults().stream()
                                .map(r ->
                                        new ToolResponseMessage.ToolResponse(r.toolCallId(), r.toolName(), r.content()))
                                .toList())
                        .metadata(metadata)
                        .build();
        };
    }

    private static List<ContentPart> parts(List<Media> media) {
        var parts = new ArrayList<ContentPart>(media.size());
        for (Media item : media) {
            MimeType mimeType = item.getMimeType();
            String type = switch (mimeType.getType().toLowerCase(Locale.ROOT)) {
                case "image", "audio", "video" -> mimeType.getType().toLowerCase(Locale.ROOT);
                default -> "file";
            };
            Object data = item.getData();
            String url = null;
            String base64 = null;
            if (data instanceof URL link) {
                url = link.toString();
            } else if (data instanceof String text && looksLikeUrl(text)) {
                url = text;
            } else if (data instanceof String text) {
                base64 = text;
            } else if (data instanceof byte[] bytes) {
                base64 = Base64.getEncoder().encodeToString(bytes);
            } else {
                throw new IllegalArgumentException("media data of type "
                        + data.getClass().getName() + " cannot be kept; give a URL, a String or bytes");
            }
            parts.add(
                    new ContentPart(type, null, url, base64, mimeType.toString(), item.getName(), item.getId(), null));
        }
        return parts;
    }

    private static boolean looksLikeUrl(String text) {
        int colon = text.indexOf(':');
        return colon > 0 && text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*") && text.indexOf("://") == colon;
    }

    private static List<Media> media(List<ContentPart> parts) {
        var media = new ArrayList<Media>(parts.size());
        for (ContentPart part : parts) {
            if (part.type().equals("text") || part.type().equals("reasoning")) {
                continue;
            }
            var builder = Media.builder()
                    .mimeType(MimeType.valueOf(part.mimeType() == null ? "application/octet-stream" : part.mimeType()))
                    .name(part.name());
            if (part.id() != null) {
                builder.id(part.id());
            }
            if (part.url() != null) {
                builder.data(part.url());
            } else {
                builder.data(Base64.getDecoder().decode(part.data()));
            }
            media.add(builder.build());
        }
        return media;
    }
}
