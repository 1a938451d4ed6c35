package dev.colloquy.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.client.Message;
import dev.colloquy.client.NewMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The mapping alone, each message passed through a Colloquy message as the server answers it
 * (same members). The real server's round trip is in the build's integration suite.
 */
class LangChain4jMessagesTest {

    static List<ChatMessage> everyKind() {
        return List.of(
                SystemMessage.from("be brief"),
                UserMessage.from("hello"),
                UserMessage.from("ana", "hi, I am Ana"),
                UserMessage.builder()
                        .name("bob")
                        .contents(List.of(
                                TextContent.from("what is on these?"),
                                ImageContent.from("https://example.com/cat.png"),
                                ImageContent.from("aGVsbG8=", "image/png", ImageContent.DetailLevel.HIGH),
                                AudioContent.from("https://example.com/a.wav"),
                                VideoContent.from("AAAA", "video/mp4"),
                                PdfFileContent.from("https://example.com/a.pdf"),
                                TextContent.from("thanks")))
                        .attributes(Map.of("lang", "fr", "n", 3, "nested", Map.of("list", List.of(1, "two", true))))
                        .build(),
                AiMessage.from(
                        ToolExecutionRequest.builder()
                                .id("call-1")
                                .name("weather")
                                .arguments("{\"city\":\"Paris\"}")
                                .build(),
                        ToolExecutionRequest.builder()
                                .name("clock")
                                .arguments("{}")
                                .build()),
                ToolExecutionResultMessage.from("call-1", "weather", "sunny"),
                ToolExecutionResultMessage.builder()
                        .id("call-2")
                        .toolName("clock")
                        .text("")
                        .isError(true)
                        .build(),
                ToolExecutionResultMessage.builder()
                        .id("call-3")
                        .toolName("camera")
                        .contents(List.of(TextContent.from("a photo"), ImageContent.from("https://example.com/p.png")))
                        .build(),
                AiMessage.builder()
                        .text("It is sunny.")
                        .thinking("the tool said so")
                        .attributes(Map.of("model", "m-1"))
                        .build(),
                AiMessage.from(""),
                AiMessage.builder()
                        .toolExecutionRequests(List.of())
                        .text(null)
                        .thinking("only thinking")
                        .build());
    }

    static Message asStored(NewMessage sent, int seq) {
        return new Message(
                UUID.randomUUID(),
                UUID.randomUUID(),
                seq,
                sent.role(),
                sent.name(),
                sent.content(),
                sent.parts(),
                sent.toolCalls(),
                sent.toolResults(),
                sent.metadata(),
                Instant.now());
    }

    @Test
    void everyMessageTypeReadsBackEqual() {
        var messages = everyKind();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            ChatMessage back =
                    LangChain4jMessages.toLangChain4j(asStored(LangChain4jMessages.toColloquy(message), i + 1));
            assertThat(back).as("%s", message).isEqualTo(message);
        }
    }

    @Test
    void anAiMessageWithoutTextKeepsItsNullText() {
        NewMessage mapped = LangChain4jMessages.toColloquy(AiMessage.from(
                ToolExecutionRequest.builder().name("f").arguments("{}").build()));
        assertThat(mapped.content()).isNull();
        assertThat(mapped.toolCalls())
                .singleElement()
                .satisfies(call -> assertThat(call.name()).isEqualTo("f"));
    }

    @Test
    void customMessagesAreRefused() {
        assertThatThrownBy(() -> LangChain4jMessages.toColloquy(new CustomMessage(Map.of("a", 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CUSTOM");
    }
}
