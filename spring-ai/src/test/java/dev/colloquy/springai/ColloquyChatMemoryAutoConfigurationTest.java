package dev.colloquy.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.client.ColloquyClient;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration beside Spring AI's own chat memory auto-configuration. */
class ColloquyChatMemoryAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ColloquyChatMemoryAutoConfiguration.class, ChatMemoryAutoConfiguration.class));

    @Test
    void withAUrlTheRepositoryIsColloquysAndSpringAisMemoryUsesIt() {
        runner.withPropertyValues(
                        "colloquy.url=http://localhost:8080",
                        "colloquy.token=cq_secret",
                        "colloquy.request-timeout=5s",
                        "colloquy.key-prefix=app:")
                .run(context -> {
                    assertThat(context).hasSingleBean(ColloquyClient.class);
                    assertThat(context).hasSingleBean(ChatMemoryRepository.class);
                    var repository = context.getBean(ChatMemoryRepository.class);
                    assertThat(repository).isInstanceOf(ColloquyChatMemoryRepository.class);
                    assertThat(((ColloquyChatMemoryRepository) repository).key("user/1"))
                            .isEqualTo("app:user%2F1");
                    assertThat(context).hasSingleBean(ChatMemory.class);
                    assertThat(context.getBean(ColloquyProperties.class).toString())
                            .doesNotContain("cq_secret");
                });
    }

    @Test
    void withoutAUrlNothingOfColloquysIsMade() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(ColloquyClient.class);
            assertThat(context.getBean(ChatMemoryRepository.class)).isInstanceOf(InMemoryChatMemoryRepository.class);
        });
    }

    @Test
    void anApplicationsOwnRepositoryAndClientWin() {
        runner.withPropertyValues("colloquy.url=http://localhost:8080")
                .withBean(ChatMemoryRepository.class, InMemoryChatMemoryRepository::new)
                .run(context -> {
                    assertThat(context.getBean(ChatMemoryRepository.class))
                            .isInstanceOf(InMemoryChatMemoryRepository.class);
                    assertThat(context).hasSingleBean(ColloquyClient.class);
                });
    }

    @Test
    void aBadKeyPrefixStopsTheContextNamingIt() {
        runner.withPropertyValues("colloquy.url=http://localhost:8080", "colloquy.key-prefix=a/b")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("key prefix");
                });
    }
}
