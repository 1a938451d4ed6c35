package dev.colloquy.examples.springai;

import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * One turn of a chat whose memory lives in Colloquy ({@code colloquy.url} and {@code
 * colloquy.token} in application.properties, from {@code COLLOQUY_URL} and {@code
 * COLLOQUY_TOKEN}); the arguments are what the user says. Run it again (a new JVM) and the
 * assistant still has the earlier turns.
 */
@SpringBootApplication
public class ChatApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }

    /**
     * A stand-in for a real chat model (add a Spring AI model starter in a real application): it
     * answers with what it was told first and how many turns it has seen, which shows what the
     * memory gave it.
     */
    @Bean
    ChatModel chatModel() {
        return new ChatModel() {
            @Override
            public ChatResponse call(Prompt prompt) {
                List<String> said = prompt.getInstructions().stream()
                        .filter(m -> m.getMessageType() == MessageType.USER)
                        .map(Message::getText)
                        .toList();
                String text = said.size() == 1
                        ? "Nice to meet you. This is our first turn."
                        : "Turn " + said.size() + ". First you told me: \"" + said.get(0) + "\"";
                return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
            }
        };
    }

    @Bean
    ChatClient chatClient(ChatClient.Builder builder, ChatMemory chatMemory) {
        return builder.defaultAdvisors(
                        MessageChatMemoryAdvisor.builder(chatMemory).build())
                .build();
    }

    @Bean
    CommandLineRunner chat(ChatClient chatClient) {
        return args -> {
            String user = System.getenv().getOrDefault("CHAT_USER", "user/42");
            String answer = chatClient
                    .prompt()
                    .user(String.join(" ", args))
                    .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, user))
                    .call()
                    .content();
            System.out.println(answer);
        };
    }
}
