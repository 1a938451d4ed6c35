package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Metadata;
import dev.colloquy.message.ContentPart;
import dev.colloquy.message.History;
import dev.colloquy.message.Message;
import dev.colloquy.message.MessageExtras;
import dev.colloquy.message.NewMessage;
import dev.colloquy.message.ToolCall;
import dev.colloquy.message.ToolResult;
import dev.colloquy.search.SearchHit;
import dev.colloquy.search.SearchRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Messages as LLM frameworks make them: names, content parts, tool calls and tool results. */
public interface StructuredMessageContract extends ContractSupport {

    static MessageExtras calls(ToolCall... calls) {
        return new MessageExtras(null, List.of(), List.of(calls), List.of());
    }

    static MessageExtras results(ToolResult... results) {
        return new MessageExtras(null, List.of(), List.of(), List.of(results));
    }

    static MessageExtras parts(ContentPart... parts) {
        return new MessageExtras(null, List.of(parts), List.of(), List.of());
    }

    static ContentPart media(String type, String url, String data, String mimeType) {
        return new ContentPart(type, null, url, data, mimeType, null, null, null);
    }

    @Test
    default void everyKindOfFrameworkMessageReadsBackEqual() {
        UUID project = newProject();
        var conversation = newConversation(project);
        var sent = List.of(
                new NewMessage("system", "be brief", Metadata.EMPTY, new MessageExtras("setup", null, null, null)),
                new NewMessage(
                        "user",
                        null,
                        Metadata.parse("m", "{\"lang\":\"fr\"}"),
                        new MessageExtras(
                                "ana ✨",
                                List.of(
                                        ContentPart.text("what is on this picture?"),
                                        new ContentPart(
                                                "image",
                                                null,
                                                "https://example.com/a.png",
                                                null,
                                                "image/png",
                                                null,
                                                null,
                                                "low"),
                                        new ContentPart(
                                                "file",
                                                null,
                                                null,
                                                "JVBERi0xLjQK",
                                                "application/pdf",
                                                "résumé.pdf",
                                                "file-1",
                                                null),
                                        media("audio", "https://example.com/a.wav", null, null),
                                        media("video", null, "AAAA", "video/mp4"),
                                        ContentPart.text("and this?")),
                                null,
                                null)),
                new NewMessage(
                        "assistant",
                        null,
                        Metadata.EMPTY,
                        calls(
                                new ToolCall("call-1", "function", "weather", "{\"city\":\"Paris\"}"),
                                new ToolCall(null, null, "clock", null))),
                new NewMessage(
                        "tool",
                        null,
                        Metadata.EMPTY,
                        results(
                                new ToolResult("call-1", "weather", "sunny, 21 °C", null),
                                new ToolResult("call-2", "clock", "", true),
                                new ToolResult(null, null, null, false))),
                new NewMessage(
                        "assistant",
                        "",
                        Metadata.EMPTY,
                        new MessageExtras(
                                null,
                                List.of(new ContentPart(
                                        "reasoning", "the tool said sunny", null, null, null, null, null, null)),
                                List.of(),
                                List.of())),
                new NewMessage("assistant", "It is sunny.", Metadata.EMPTY));

        List<Message> stored = database().messages().append(project, conversation.id(), sent);
        List<Message> read = database().messages().history(project, conversation.id(), History.last(10));

        assertThat(read).isEqualTo(stored);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(read.get(i).role().wireName()).isEqualTo(sent.get(i).role());
            assertThat(read.get(i).content())
                    .as("content of %d", i)
                    .isEqualTo(sent.get(i).content());
            assertThat(read.get(i).extras())
                    .as("extras of %d", i)
                    .isEqualTo(sent.get(i).extras());
            assertThat(read.get(i).metadata()).isEqualTo(sent.get(i).metadata());
        }
        // no text and an empty text are different things
        assertThat(read.get(2).content()).isNull();
        assertThat(read.get(4).content()).isEmpty();
        assertThat(read.get(5).extras()).isEqualTo(MessageExtras.EMPTY);
    }

    @Test
    default void aReplaceKeepsStructureAndAnEmptyReplaceClearsTheConversation() {
        UUID project = newProject();
        var conversation = newConversation(project);
        append(project, conversation.id(), "one", "two", "three");
        var replacement = List.of(
                new NewMessage("assistant", null, Metadata.EMPTY, calls(new ToolCall("c", "function", "f", "{}"))),
                new NewMessage("tool", null, Metadata.EMPTY, results(new ToolResult("c", "f", "done", null))));

        var stored = database().messages().replace(project, conversation.id(), replacement);
        assertThat(stored).extracting(Message::seq).containsExactly(1, 2);
        assertThat(database().messages().history(project, conversation.id(), History.last(10)))
                .isEqualTo(stored);

        assertThat(database().messages().replace(project, conversation.id(), List.of()))
                .isEmpty();
        assertThat(database().messages().history(project, conversation.id(), History.last(10)))
                .isEmpty();
        assertThat(database().conversations().get(project, conversation.id()).messageCount())
                .isZero();
    }

    @Test
    default void searchReadsTextPartsAndToolResultsButNotToolCallsOrReasoning() {
        UUID project = newProject();
        var conversation = newConversation(project);
        database()
                .messages()
                .append(
                        project,
                        conversation.id(),
                        List.of(
                                new NewMessage(
                                        "user",
                                        null,
                                        Metadata.EMPTY,
                                        parts(
                                                ContentPart.text("where is the aubergine"),
                                                media("image", "https://example.com/zucchini.png", null, null))),
                                new NewMessage(
                                        "assistant",
                                        null,
                                        Metadata.EMPTY,
                                        calls(new ToolCall("1", "function", "lookup", "{\"q\":\"pomegranate\"}"))),
                                new NewMessage(
                                        "tool",
                                        null,
                                        Metadata.EMPTY,
                                        results(new ToolResult("1", "lookup", "the artichoke is in aisle 4", false))),
                                new NewMessage(
                                        "assistant",
                                        "found it",
                                        Metadata.EMPTY,
                                        new MessageExtras(
                                                null,
                                                List.of(new ContentPart(
                                                        "reasoning", "the fennel", null, null, null, null, null, null)),
                                                List.of(),
                                                List.of()))));

        List<SearchHit> aubergine = database().search().search(project, SearchRequest.of("aubergine"));
        assertThat(aubergine).singleElement().satisfies(hit -> {
            assertThat(hit.seq()).contains(1);
            assertThat(hit.snippet()).contains("aubergine");
        });
        List<SearchHit> artichoke = database().search().search(project, SearchRequest.of("artichoke"));
        assertThat(artichoke).singleElement().satisfies(hit -> {
            assertThat(hit.seq()).contains(3);
            assertThat(hit.snippet()).contains("artichoke");
        });
        for (String unsearched : List.of("pomegranate", "lookup", "zucchini", "fennel")) {
            assertThat(database().search().search(project, SearchRequest.of(unsearched)))
                    .as(unsearched)
                    .isEmpty();
        }
    }

    @Test
    default void malformedStructureIsRefusedAndStoresNothing() {
        UUID project = newProject();
        var conversation = newConversation(project);
        String tooLong = "n".repeat(257);
        var hundredTwentyNine = new ArrayList<ContentPart>(Collections.nCopies(129, ContentPart.text("x")));
        List<Object[]> bad = List.of(
                new Object[] {
                    new NewMessage("user", "hi", Metadata.EMPTY, calls(new ToolCall("1", null, "f", null))), "toolCalls"
                },
                new Object[] {
                    new NewMessage("assistant", "hi", Metadata.EMPTY, results(new ToolResult("1", "f", "x", null))),
                    "toolResults"
                },
                new Object[] {new NewMessage("user", null, Metadata.EMPTY), "content"},
                new Object[] {
                    new NewMessage("user", null, Metadata.EMPTY, new MessageExtras("only a name", null, null, null)),
                    "content"
                },
                new Object[] {
                    new NewMessage("assistant", null, Metadata.EMPTY, calls(new ToolCall("1", null, "", null))), "name"
                },
                new Object[] {
                    new NewMessage("assistant", null, Metadata.EMPTY, calls(new ToolCall("1", null, null, "{}"))),
                    "name"
                },
                new Object[] {
                    new NewMessage("user", "x", Metadata.EMPTY, new MessageExtras(tooLong, null, null, null)), "name"
                },
                new Object[] {
                    new NewMessage("user", null, Metadata.EMPTY, parts(media("image", null, null, null))), "url"
                },
                new Object[] {
                    new NewMessage(
                            "user",
                            null,
                            Metadata.EMPTY,
                            parts(media("image", "https://example.com/a.png", "AAAA", null))),
                    "url"
                },
                new Object[] {
                    new NewMessage("user", null, Metadata.EMPTY, parts(media("image", "relative/a.png", null, null))),
                    "absolute"
                },
                new Object[] {
                    new NewMessage("user", null, Metadata.EMPTY, parts(media("file", null, "not base64!", null))),
                    "base64"
                },
                new Object[] {
                    new NewMessage(
                            "user",
                            null,
                            Metadata.EMPTY,
                            parts(media("image", "https://example.com/a.png", null, "png"))),
                    "mimeType"
                },
                new Object[] {
                    new NewMessage(
                            "user",
                            null,
                            Metadata.EMPTY,
                            parts(new ContentPart("sticker", "x", null, null, null, null, null, null))),
                    "sticker"
                },
                new Object[] {
                    new NewMessage(
                            "user",
                            null,
                            Metadata.EMPTY,
                            parts(new ContentPart(null, "x", null, null, null, null, null, null))),
                    "type"
                },
                new Object[] {
                    new NewMessage(
                            "user",
                            null,
                            Metadata.EMPTY,
                            parts(new ContentPart("text", null, null, null, null, null, null, null))),
                    "text"
                },
                new Object[] {
                    new NewMessage(
                            "user",
                            null,
                            Metadata.EMPTY,
                            parts(new ContentPart("text", "x", "https://example.com", null, null, null, null, null))),
                    "only"
                },
                new Object[] {
                    new NewMessage(
                            "user",
                            null,
                            Metadata.EMPTY,
                            parts(new ContentPart(
                                    "file", null, "https://example.com/a", null, null, null, null, "high"))),
                    "detail"
                },
                new Object[] {
                    new NewMessage(
                            "user",
                            null,
                            Metadata.EMPTY,
                            parts(new ContentPart(
                                    "image", "caption", "https://example.com/a", null, null, null, null, null))),
                    "text"
                },
                new Object[] {
                    new NewMessage(
                            "user", null, Metadata.EMPTY, new MessageExtras(null, hundredTwentyNine, null, null)),
                    "128"
                },
                new Object[] {
                    new NewMessage(
                            "tool", null, Metadata.EMPTY, results(new ToolResult("1", "f", "nul \u0000 inside", null))),
                    "NUL"
                });
        long before = counts().messages();
        for (Object[] row : bad) {
            var message = (NewMessage) row[0];
            assertThatThrownBy(() -> database()
                            .messages()
                            .append(project, conversation.id(), List.of(NewMessage.of("user", "fine"), message)))
                    .as("%s", message)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("messages[1]")
                    .hasMessageContaining((String) row[1]);
        }
        assertThat(counts().messages()).isEqualTo(before);
        assertThat(database().conversations().get(project, conversation.id()).messageCount())
                .isZero();
    }
}
