package dev.colloquy.examples.langchain4j;

import dev.colloquy.langchain4j.ColloquyChatMemoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.net.URI;
import java.util.List;

/**
 * One turn of a chat whose memory lives in Colloquy: {@code COLLOQUY_URL} and {@code
 * COLLOQUY_TOKEN} say where, the arguments are what the user says. Run it again (a new JVM) and
 * the assistant still has the earlier turns.
 */
public final class ChatApp {

    interface Assistant {
        String chat(@MemoryId String user, @dev.langchain4j.service.UserMessage String message);
    }

    /**
     * A stand-in for a real chat model (use OpenAiChatModel or another in a real application): it
     * answers with what it was told first and how many turns it has seen, which shows what the
     * memory gave it.
     */
    static final class RecallingModel implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            List<String> said = request.messages().stream()
                    .filter(UserMessage.class::isInstance)
                    .map(m -> ((UserMessage) m).singleText())
                    .toList();
            long answered = request.messages().stream()
                    .filter(AiMessage.class::isInstance)
                    .count();
            String text = said.size() == 1
                    ? "Nice to meet you. This is our first turn."
                    : "Turn " + said.size() + ". First you told me: \"" + said.get(0) + "\"; I have answered "
                            + answered + " time(s) before.";
            return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
        }
    }

    public static void main(String[] args) {
        ChatMemoryStore store = ColloquyChatMemoryStore.builder()
                .baseUrl(URI.create(System.getenv("COLLOQUY_URL")))
                .token(System.getenv("COLLOQUY_TOKEN"))
                .keyPrefix("lc4j:")
                .build();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(new RecallingModel())
                .chatMemoryProvider(memoryId -> MessageWindowChatMemory.builder()
                        .id(memoryId)
                        .maxMessages(20)
                        .chatMemoryStore(store)
                        .build())
                .build();
        String user = System.getenv().getOrDefault("CHAT_USER", "user/42");
        System.out.println(assistant.chat(user, String.join(" ", args)));
    }

    private ChatApp() {}
}
