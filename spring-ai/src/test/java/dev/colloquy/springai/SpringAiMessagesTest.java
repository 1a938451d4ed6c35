package dev.colloquy.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.client.Message;
import dev.colloquy.client.NewMessage;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

/**
 * The mapping alone, each message passed through a Colloquy message as the server answers it. The
 * real server's round trip is in the build's integration suite.
 */
class SpringAiMessagesTest {

    static Message asStored(NewMessage sent) {
        return new Message(
                UUID.randomUUID(),
                UUID.randomUUID(),
                1,
                sent.role(),
                sent.name(),
                sent.content(),
                sent.parts(),
                sent.toolCalls(),
                sent.toolResults(),
                sent.metadata(),
                Instant.now());
    }

    static org.springframework.ai.chat.messages.Message roundTrip(
            org.springframework.ai.chat.messages.Message message) {
        return SpringAiMessages.toSpringAi(asStored(SpringAiMessages.toColloquy(message)));
    }

    @Test
    void everyMessageTypeReadsBackEqualWithoutExtraMetadata() {
        var messages = List.of(
                new SystemMessage("be brief"),
                SystemMessage.builder()
                        .text("with metadata")
                        .metadata(Map.of("source", "config"))
                        .build(),
                new UserMessage("hello"),
                UserMessage.builder()
                        .text("hi")
                        .metadata(Map.of("lang", "fr", "n", 3))
                        .build(),
                new AssistantMessage("It is sunny."),
                AssistantMessage.builder()
                        .content(null)
                        .toolCalls(List.of(
                                new AssistantMessage.ToolCall("call-1", "function", "weather", "{\"city\":\"Paris\"}")))
                        .properties(Map.of("finishReason", "TOOL_CALLS"))
                        .build(),
                ToolResponseMessage.builder()
                        .responses(List.of(
                                new ToolResponseMessage.ToolResponse("call-1", "weather", "sunny"),
                                new ToolResponseMessage.ToolResponse("call-2", "clock", "noon")))
                        .build());
        for (var message : messages) {
            var back = roundTrip(message);
            assertThat(back).as("%s", message).isEqualTo(message);
            assertThat(back.getMetadata()).isEqualTo(message.getMetadata());
        }
    }

    @Test
    void mediaKeepsItsTypeDataNameAndId() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        var message = UserMessage.builder()
                .text("what is this?")
                .media(List.of(
                        Media.builder()
                                .mimeType(MimeTypeUtils.IMAGE_PNG)
                                .data(png)
                                .name("cat.png")
                                .id("m-1")
                                .build(),
                        new Media(
                                MimeTypeUtils.parseMimeType("application/pdf"),
                                URI.create("https://example.com/a.pdf"))))
                .build();
        var back = (UserMessage) roundTrip(message);
        assertThat(back).isEqualTo(message);
        assertThat(back.getMedia()).hasSize(2);
        var image = back.getMedia().get(0);
        assertThat(image.getMimeType()).isEqualTo(MimeTypeUtils.IMAGE_PNG);
        assertThat(image.getDataAsByteArray()).isEqualTo(png);
        assertThat(image.getName()).isEqualTo("cat.png");
        assertThat(image.getId()).isEqualTo("m-1");
        var pdf = back.getMedia().get(1);
        assertThat(pdf.getData()).isEqualTo("https://example.com/a.pdf");
        assertThat(pdf.getName()).isEqualTo(message.getMedia().get(1).getName());
        assertThat(SpringAiMessages.toColloquy(message).parts())
                .extracting(p -> p.type())
                .containsExactly("image", "file");
    }
}
