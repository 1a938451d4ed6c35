package dev.colloquy.it.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.client.ColloquyClient;
import dev.colloquy.springai.ColloquyChatMemoryAutoConfiguration;
import dev.colloquy.springai.ColloquyChatMemoryRepository;
import java.net.URI;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.MimeTypeUtils;

/** The Spring AI ChatMemoryRepository against the real server, driven by Spring AI's own memory and chat client. */
public interface SpringAiContract extends AdapterSupport {

    default ColloquyChatMemoryRepository repository(String token) {
        return new ColloquyChatMemoryRepository(
                ColloquyClient.builder(api().base()).token(token).build());
    }

    @Test
    default void everySpringAiMessageReadsBackEqualWithItsMetadataAndNothingMore() {
        var repository = repository(projectToken());
        List<Message> messages = List.of(
                SystemMessage.builder()
                        .text("be brief")
                        .metadata(Map.of("source", "config"))
                        .build(),
                UserMessage.builder()
                        .text("what is on this picture?")
                        .metadata(Map.of("lang", "fr", "n", 3, "big", 10_000_000_000L, "nested", Map.of("ok", true)))
                        .media(List.of(Media.builder()
                                .mimeType(MimeTypeUtils.IMAGE_PNG)
                                .data(new byte[] {1, 2, 3})
                                .name("cat.png")
                                .build()))
                        .build(),
                AssistantMessage.builder()
                        .content(null)
                        .toolCalls(List.of(
                                new AssistantMessage.ToolCall("call-1", "function", "weather", "{\"city\":\"Paris\"}"),
                                new AssistantMessage.ToolCall("call-2", "function", "clock", "{}")))
                        .build(),
                ToolResponseMessage.builder()
                        .responses(List.of(
                                new ToolResponseMessage.ToolResponse("call-1", "weather", "sunny"),
                                new ToolResponseMessage.ToolResponse("call-2", "clock", "noon")))
                        .build(),
                AssistantMessage.builder()
                        .content("It is sunny at noon.")
                        .properties(Map.of("finishReason", "STOP", "id", "r-1"))
                        .build(),
                new AssistantMessage(""));

        repository.saveAll("every-kind", messages);
        List<Message> back = repository.findByConversationId("every-kind");

        assertThat(back).containsExactlyElementsOf(messages);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(back.get(i).getMetadata())
                    .as("metadata %d", i)
                    .isEqualTo(messages.get(i).getMetadata());
        }
        var media = ((UserMessage) back.get(1)).getMedia();
        assertThat(media).singleElement().satisfies(m -> {
            assertThat(m.getDataAsByteArray()).containsExactly(1, 2, 3);
            assertThat(m.getName()).isEqualTo("cat.png");
            assertThat(m.getMimeType()).isEqualTo(MimeTypeUtils.IMAGE_PNG);
        });
    }

    @Test
    default void unknownIdsAreEmptySavingNothingClearsAndDeletingIsIdempotent() {
        var repository = repository(projectToken());
        assertThat(repository.findByConversationId("nobody")).isEmpty();
        repository.deleteByConversationId("nobody");

        repository.saveAll("c", List.of(new UserMessage("hi")));
        repository.saveAll("c", List.of());
        assertThat(repository.findByConversationId("c")).isEmpty();
        assertThat(repository.findConversationIds()).containsExactly("c");

        repository.deleteByConversationId("c");
        repository.deleteByConversationId("c");
        assertThat(repository.findConversationIds()).isEmpty();
    }

    @Test
    default void everyConversationIdIsFoundAcrossPages() {
        var repository = repository(projectToken());
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < 1005; i++) {
            ids.add(i % 3 == 0 ? "user/" + i + " ü" : "conversation-" + i);
        }
        for (String id : ids) {
            repository.saveAll(id, List.of());
        }
        assertThat(new TreeSet<>(repository.findConversationIds())).isEqualTo(ids);
    }

    @Test
    default void aMessageWindowMemoryKeepsItsWindowAndItsSystemMessageAcrossInstances() {
        String token = projectToken();
        var repository = repository(token);
        ChatMemory memory = MessageWindowChatMemory.builder()
                .chatMemoryRepository(repository)
                .maxMessages(4)
                .build();
        // Spring AI's own in-memory repository under the same memory is the reference
        ChatMemory reference = MessageWindowChatMemory.builder()
                .chatMemoryRepository(new InMemoryChatMemoryRepository())
                .maxMessages(4)
                .build();
        var system = SystemMessage.builder()
                .text("you are terse")
                .metadata(Map.of("v", 1))
                .build();
        for (ChatMemory each : List.of(memory, reference)) {
            each.add("conv", system);
            for (int i = 1; i <= 3; i++) {
                each.add("conv", List.of(new UserMessage("question " + i), new AssistantMessage("answer " + i)));
            }
        }
        var expected = reference.get("conv");
        assertThat(expected).first().isEqualTo(system);
        assertThat(memory.get("conv")).containsExactlyElementsOf(expected);

        // A new memory for the same repository, as after a restart, reads the same window and
        // treats the remembered system message as the reference treats its own (messages compare whole).
        ChatMemory again = MessageWindowChatMemory.builder()
                .chatMemoryRepository(repository(token))
                .maxMessages(4)
                .build();
        assertThat(again.get("conv")).containsExactlyElementsOf(expected);
        again.add("conv", List.of(system, new UserMessage("question 4")));
        reference.add("conv", List.of(system, new UserMessage("question 4")));
        assertThat(again.get("conv")).containsExactlyElementsOf(reference.get("conv"));
    }

    /** A chat model that answers from a script and records the prompts it was sent. */
    final class ScriptedModel implements ChatModel {
        final Deque<String> answers = new ConcurrentLinkedDeque<>();
        final List<List<Message>> prompts = new CopyOnWriteArrayList<>();

        @Override
        public ChatResponse call(Prompt prompt) {
            prompts.add(List.copyOf(prompt.getInstructions()));
            return new ChatResponse(List.of(new Generation(new AssistantMessage(answers.removeFirst()))));
        }
    }

    @Test
    default void aChatClientWithTheMemoryAdvisorRemembersAcrossARestart() {
        String token = projectToken();
        var model = new ScriptedModel();
        model.answers.addAll(List.of("Hello Ana.", "Your name is Ana."));

        ChatClient first = ChatClient.builder(model)
                .defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder()
                                .chatMemoryRepository(repository(token))
                                .build())
                        .build())
                .build();
        assertThat(first.prompt()
                        .user("I am Ana.")
                        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ana"))
                        .call()
                        .content())
                .isEqualTo("Hello Ana.");

        // a new client, as after a restart, gives the model the remembered turns
        ChatClient second = ChatClient.builder(model)
                .defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder()
                                .chatMemoryRepository(repository(token))
                                .build())
                        .build())
                .build();
        assertThat(second.prompt()
                        .user("What is my name?")
                        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ana"))
                        .call()
                        .content())
                .isEqualTo("Your name is Ana.");
        var sent = new ArrayList<>(model.prompts.get(1));
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).getText()).isEqualTo("I am Ana.");
        assertThat(sent.get(1)).isEqualTo(new AssistantMessage("Hello Ana."));
        assertThat(sent.get(2).getText()).isEqualTo("What is my name?");
        assertThat(repository(token).findByConversationId("ana")).hasSize(4);
        assertThat(repository(token).findConversationIds()).containsExactly("ana");
    }

    @Test
    default void bootsAutoConfigurationKeepsSpringAisMemoryInTheServer() {
        String token = projectToken();
        URI url = api().base();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ColloquyChatMemoryAutoConfiguration.class, ChatMemoryAutoConfiguration.class))
                .withPropertyValues("colloquy.url=" + url, "colloquy.token=" + token, "colloquy.request-timeout=10s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ChatMemoryRepository.class))
                            .isInstanceOf(ColloquyChatMemoryRepository.class);
                    ChatMemory memory = context.getBean(ChatMemory.class);
                    memory.add("boot", List.of(new UserMessage("hi"), new AssistantMessage("hello")));
                });
        assertThat(repository(token).findByConversationId("boot"))
                .containsExactly(new UserMessage("hi"), new AssistantMessage("hello"));
    }
}
