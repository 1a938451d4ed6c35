package dev.colloquy.langchain4j;

import dev.colloquy.client.ContentPart;
import dev.colloquy.client.Message;
import dev.colloquy.client.NewMessage;
import dev.colloquy.client.Role;
import dev.colloquy.client.ToolCall;
import dev.colloquy.client.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.pdf.PdfFile;
import dev.langchain4j.data.video.Video;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LangChain4j's messages as Colloquy's, and back, so that a message read back equals the one
 * written:
 *
 * <ul>
 *   <li>{@link SystemMessage}: a {@code system} message with its text.
 *   <li>{@link UserMessage}: a {@code user} message with its name; one text content is the
 *       message's content, any other contents are its parts in order (text, image, audio, video,
 *       PDF file).
 *   <li>{@link AiMessage}: an {@code assistant} message; its text (which may be null) is the
 *       content, its thinking a {@code reasoning} part, its tool execution requests tool calls.
 *   <li>{@link ToolExecutionResultMessage}: a {@code tool} message with one tool result (id, tool
 *       name, text, error flag); contents other than one text are the message's parts.
 * </ul>
 *
 * Attributes are the message's metadata (JSON: strings, numbers, booleans, lists and maps read
 * back as Jackson reads JSON). Not kept: an image's revised prompt, audio given as bytes (it reads
 * back as base64 data), and {@code CustomMessage}, which is refused.
 */
final class LangChain4jMessages {

    private LangChain4jMessages() {}

    static NewMessage toColloquy(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return new NewMessage(Role.SYSTEM, null, system.text(), null, null, null, null);
        }
        if (message instanceof UserMessage user) {
            List<Content> contents = user.contents();
            boolean singleText = contents.size() == 1 && contents.get(0) instanceof TextContent;
            return new NewMessage(
                    Role.USER,
                    user.name(),
                    singleText ? ((TextContent) contents.get(0)).text() : null,
                    singleText ? List.of() : parts(contents),
                    null,
                    null,
                    user.attributes());
        }
        if (message instanceof AiMessage ai) {
            var calls = ai.toolExecutionRequests().stream()
                    .map(r -> new ToolCall(r.id(), null, r.name(), r.arguments()))
                    .toList();
            var parts = ai.thinking() == null ? List.<ContentPart>of() : List.of(ContentPart.reasoning(ai.thinking()));
            // A message with nothing at all still needs a text to be stored: an empty one.
            String text = ai.text() == null && calls.isEmpty() && parts.isEmpty() ? "" : ai.text();
            return new NewMessage(Role.ASSISTANT, null, text, parts, calls, null, ai.attributes());
        }
        if (message instanceof ToolExecutionResultMessage result) {
            boolean singleText = result.hasSingleText();
            return new NewMessage(
                    Role.TOOL,
                    null,
                    null,
                    singleText ? List.of() : parts(result.contents()),
                    null,
                    List.of(new ToolResult(
                            result.id(), result.toolName(), singleText ? result.text() : null, result.isError())),
                    result.attributes());
        }
        throw new IllegalArgumentException("Colloquy keeps system, user, AI and tool result messages; a "
                + message.type() + " message has no place in it");
    }

    static ChatMessage toLangChain4j(Message message) {
        Map<String, Object> attributes = new LinkedHashMap<>(message.metadata());
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER ->
                UserMessage.builder()
                        .name(message.name())
                        .contents(
                                message.parts().isEmpty()
                                        ? List.of(TextContent.from(message.content()))
                                        : contents(message.parts()))
                        .attributes(attributes)
                        .build();
            case ASSISTANT ->
                AiMessage.builder()
                        .text(message.content())
                        .thinking(message.parts().stream()
                                .filter(p -> p.type().equals("reasoning"))
                                .map(ContentPart::text)
                                .findFirst()
                                .orElse(null))
                        .toolExecutionRequests(message.toolCalls().stream()
                                .map(call -> ToolExecutionRequest.builder()
                                        .id(call.id())
                                        .name(call.name())
                                        .arguments(call.arguments())
                                        .build())
                                .toList())
                        .attributes(attributes)
                        .build();
            case TOOL -> {
                ToolResult result = message.toolResults().isEmpty()
                        ? new ToolResult(null, null, message.content(), null)
                        : message.toolResults().get(0);
                var builder = ToolExecutionResultMessage.builder()
                        .id(result.toolCallId())
                        .toolName(result.toolName())
                        .isError(result.isError())
                        .attributes(attributes);
                yield message.parts().isEmpty()
                        ? builder.text(result.content() == null ? "" : result.content())
                                .build()
                        : builder.contents(contents(message.parts())).build();
            }
        };
    }

    private static List<ContentPart> parts(List<Content> contents) {
        var parts = new ArrayList<ContentPart>(contents.size());
        for (Content content : contents) {
            parts.add(part(content));
        }
        return parts;
    }

    private static ContentPart part(Content content) {
        if (content instanceof TextContent text) {
            return ContentPart.text(text.text());
        }
        if (content instanceof ImageContent image) {
            Image i = image.image();
            String detail = image.detailLevel() == null
                    ? null
                    : image.detailLevel().name().toLowerCase(Locale.ROOT);
            return new ContentPart("image", null, url(i.url()), i.base64Data(), i.mimeType(), null, null, detail);
        }
        if (content instanceof AudioContent audio) {
            Audio a = audio.audio();
            String data = a.base64Data() != null
                    ? a.base64Data()
                    : a.binaryData() == null ? null : Base64.getEncoder().encodeToString(a.binaryData());
            return new ContentPart("audio", null, url(a.url()), data, a.mimeType(), null, null, null);
        }
        if (content instanceof VideoContent video) {
            Video v = video.video();
            return new ContentPart("video", null, url(v.url()), v.base64Data(), v.mimeType(), null, null, null);
        }
        if (content instanceof PdfFileContent pdf) {
            PdfFile f = pdf.pdfFile();
            return new ContentPart("file", null, url(f.url()), f.base64Data(), f.mimeType(), null, null, null);
        }
        throw new IllegalArgumentException("Colloquy keeps text, image, audio, video and PDF contents; not "
                + content.getClass().getSimpleName());
    }

    private static String url(URI url) {
        return url == null ? null : url.toString();
    }

    private static List<Content> contents(List<ContentPart> parts) {
        var contents = new ArrayList<Content>(parts.size());
        for (ContentPart part : parts) {
            contents.add(
                    switch (part.type()) {
                        case "text", "reasoning" -> TextContent.from(part.text());
                        case "image" -> {
                            var image = Image.builder().mimeType(part.mimeType());
                            if (part.url() != null) {
                                image.url(URI.create(part.url()));
                            } else {
                                image.base64Data(part.data());
                            }
                            yield part.detail() == null
                                    ? ImageContent.from(image.build())
                                    : ImageContent.from(
                                            image.build(),
                                            ImageContent.DetailLevel.valueOf(
                                                    part.detail().toUpperCase(Locale.ROOT)));
                        }
                        case "audio" -> {
                            var audio = Audio.builder().mimeType(part.mimeType());
                            yield AudioContent.from((part.url() != null
                                            ? audio.url(URI.create(part.url()))
                                            : audio.base64Data(part.data()))
                                    .build());
                        }
                        case "video" -> {
                            var video = Video.builder().mimeType(part.mimeType());
                            yield VideoContent.from((part.url() != null
                                            ? video.url(URI.create(part.url()))
                                            : video.base64Data(part.data()))
                                    .build());
                        }
                        default -> {
                            var file = PdfFile.builder().mimeType(part.mimeType());
                            yield PdfFileContent.from((part.url() != null
                                            ? file.url(URI.create(part.url()))
                                            : file.base64Data(part.data()))
                                    .build());
                        }
                    });
        }
        return contents;
    }
}
