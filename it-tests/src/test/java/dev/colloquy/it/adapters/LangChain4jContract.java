package dev.colloquy.it.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.client.ColloquyClient;
import dev.colloquy.langchain4j.ColloquyChatMemoryStore;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The LangChain4j ChatMemoryStore against the real server, driven by LangChain4j's own memories and AI services. */
public interface LangChain4jContract extends AdapterSupport {

    default ColloquyChatMemoryStore store(String token) {
        return ColloquyChatMemoryStore.builder()
                .client(ColloquyClient.builder(api().base()).token(token).build())
                .build();
    }

    @Test
    default void everyLangChain4jMessageReadsBackEqualFromTheServer() {
        var store = store(projectToken());
        List<ChatMessage> messages = List.of(
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
                        .attributes(Map.of(
                                "lang",
                                "fr",
                                "n",
                                3,
                                "big",
                                10_000_000_000L,
                                "ok",
                                true,
                                "nested",
                                Map.of("list", List.of(1, "two", false))))
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
                AiMessage.from(""));

        store.updateMessages("every-kind", messages);

        assertThat(store.getMessages("every-kind")).containsExactlyElementsOf(messages);
    }

    @Test
    default void memoryIdsOfAnyKindAreKeptApartAndDeletedIdempotently() {
        var store = store(projectToken());
        List<Object> ids = List.of(
                42, "42 ", UUID.fromString("0190a0c0-d0e0-7000-8000-00000000a001"), "user/42 ünï", "..", "a;b?c#d");
        for (Object id : ids) {
            store.updateMessages(id, List.of(UserMessage.from("I am " + id)));
        }
        for (Object id : ids) {
            assertThat(store.getMessages(id)).containsExactly(UserMessage.from("I am " + id));
        }
        assertThat(store.getMessages("never written")).isEmpty();
        store.deleteMessages(42);
        store.deleteMessages(42);
        assertThat(store.getMessages(42)).isEmpty();
        assertThat(store.getMessages("42 ")).hasSize(1);
        assertThat(store.getMessages("42")).isEmpty(); // 42 and "42" are one memory: deleted with it
    }

    @Test
    default void aMessageWindowMemoryKeepsItsWindowAcrossInstances() {
        var store = store(projectToken());
        ChatMemory memory = MessageWindowChatMemory.builder()
                .id("window")
                .maxMessages(3)
                .chatMemoryStore(store)
                .build();
        memory.add(SystemMessage.from("you are terse"));
        for (int i = 1; i <= 4; i++) {
            memory.add(UserMessage.from("question " + i));
            memory.add(AiMessage.from("answer " + i));
        }
        var expected = List.of(
                SystemMessage.from("you are terse"), UserMessage.from("question 4"), AiMessage.from("answer 4"));
        assertThat(memory.messages()).containsExactlyElementsOf(expected);

        // a new memory object for the same id, as after a restart, reads the same window
        ChatMemory again = MessageWindowChatMemory.builder()
                .id("window")
                .maxMessages(3)
                .chatMemoryStore(store)
                .build();
        assertThat(again.messages()).containsExactlyElementsOf(expected);
        assertThat(store.getMessages("window")).containsExactlyElementsOf(expected);

        again.clear();
        assertThat(store.getMessages("window")).isEmpty();
    }

    @Test
    default void aTokenWindowMemoryThatEvictsEverythingStoresAnEmptyList() {
        var store = store(projectToken());
        TokenCountEstimator words = new TokenCountEstimator() {
            @Override
            public int estimateTokenCountInText(String text) {
                return text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
            }

            @Override
            public int estimateTokenCountInMessage(ChatMessage message) {
                if (message instanceof UserMessage user) {
                    return estimateTokenCountInText(user.singleText());
                }
                if (message instanceof AiMessage ai) {
                    return estimateTokenCountInText(ai.text());
                }
                return 1;
            }

            @Override
            public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
                int total = 0;
                for (ChatMessage message : messages) {
                    total += estimateTokenCountInMessage(message);
                }
                return total;
            }
        };
        ChatMemory memory = TokenWindowChatMemory.builder()
                .id("tokens")
                .maxTokens(5, words)
                .chatMemoryStore(store)
                .build();
        memory.add(UserMessage.from("one two"));
        memory.add(AiMessage.from("three four"));
        assertThat(store.getMessages("tokens")).hasSize(2);

        memory.add(UserMessage.from("a message far longer than the whole window allows"));
        assertThat(memory.messages()).isEmpty();
        assertThat(store.getMessages("tokens")).isEmpty();

        memory.add(UserMessage.from("fresh start"));
        assertThat(TokenWindowChatMemory.builder()
                        .id("tokens")
                        .maxTokens(5, words)
                        .chatMemoryStore(store)
                        .build()
                        .messages())
                .containsExactly(UserMessage.from("fresh start"));
    }

    /** A chat model that answers from a script and records what it was sent. */
    final class ScriptedModel implements ChatModel {
        final Deque<AiMessage> answers = new ConcurrentLinkedDeque<>();
        final List<List<ChatMessage>> requests = new CopyOnWriteArrayList<>();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(List.copyOf(request.messages()));
            return ChatResponse.builder().aiMessage(answers.removeFirst()).build();
        }
    }

    interface Assistant {
        String chat(@MemoryId String user, @dev.langchain4j.service.UserMessage String message);
    }

    final class Clock {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Tool("The current time in a city")
        public String time(@P("the city") String city) {
            asked.add(city);
            return "12:00 in " + city;
        }
    }

    @Test
    default void anAiServicesAssistantWithToolsRemembersAcrossARestart() {
        String token = projectToken();
        var model = new ScriptedModel();
        var clock = new Clock();
        model.answers.add(AiMessage.from(ToolExecutionRequest.builder()
                .id("t-1")
                .name("time")
                .arguments("{\"arg0\":\"Paris\"}")
                .build()));
        model.answers.add(AiMessage.from("It is noon in Paris."));
        model.answers.add(AiMessage.from("You asked about Paris."));

        Assistant first = AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(clock)
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder()
                        .id(id)
                        .maxMessages(20)
                        .chatMemoryStore(store(token))
                        .build())
                .build();
        assertThat(first.chat("ana", "What time is it in Paris?")).isEqualTo("It is noon in Paris.");
        assertThat(clock.asked).containsExactly("Paris");

        // the tool call and its result are in the memory the server keeps
        List<ChatMessage> kept = store(token).getMessages("ana");
        assertThat(kept).hasSize(4);
        assertThat(kept.get(0)).isEqualTo(UserMessage.from("What time is it in Paris?"));
        assertThat(kept.get(1)).isInstanceOfSatisfying(AiMessage.class, ai -> {
            assertThat(ai.text()).isNull();
            assertThat(ai.toolExecutionRequests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.name()).isEqualTo("time"));
        });
        assertThat(kept.get(2))
                .isEqualTo(ToolExecutionResultMessage.builder()
                        .id("t-1")
                        .toolName("time")
                        .text("12:00 in Paris")
                        .isError(false)
                        .build());
        assertThat(kept.get(3)).isEqualTo(AiMessage.from("It is noon in Paris."));

        // a new assistant (a restarted application) sends the model the whole remembered conversation
        Assistant second = AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(new Clock())
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder()
                        .id(id)
                        .maxMessages(20)
                        .chatMemoryStore(store(token))
                        .build())
                .build();
        assertThat(second.chat("ana", "What did I ask?")).isEqualTo("You asked about Paris.");
        var lastRequest = new ArrayList<>(model.requests.get(model.requests.size() - 1));
        assertThat(lastRequest.subList(0, 4)).containsExactlyElementsOf(kept);
        assertThat(lastRequest.get(4)).isEqualTo(UserMessage.from("What did I ask?"));
        assertThat(store(token).getMessages("bob")).isEmpty();
    }
}
