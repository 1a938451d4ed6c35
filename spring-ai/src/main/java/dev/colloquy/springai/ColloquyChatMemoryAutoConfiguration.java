package dev.colloquy.springai;

import dev.colloquy.client.ColloquyClient;
import dev.colloquy.client.RetryPolicy;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With {@code colloquy.url} set: a {@link ColloquyClient} and a {@link ChatMemoryRepository} that
 * keeps Spring AI's chat memory in Colloquy, each unless the application defines its own. Runs
 * before Spring AI's chat memory auto-configuration, whose in-memory repository then stands back.
 */
@AutoConfiguration(beforeName = "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration")
@ConditionalOnClass({ChatMemoryRepository.class, ColloquyClient.class})
@ConditionalOnProperty(prefix = "colloquy", name = "url")
@EnableConfigurationProperties(ColloquyProperties.class)
public class ColloquyChatMemoryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ColloquyClient colloquyClient(ColloquyProperties properties) {
        RetryPolicy retries = new RetryPolicy(
                properties.getMaxAttempts(),
                RetryPolicy.DEFAULT.initialDelay(),
                RetryPolicy.DEFAULT.maxDelay(),
                RetryPolicy.DEFAULT.maxRetryAfter());
        return ColloquyClient.builder(properties.getUrl())
                .token(properties.getToken())
                .connectTimeout(properties.getConnectTimeout())
                .requestTimeout(properties.getRequestTimeout())
                .retries(retries)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(ChatMemoryRepository.class)
    ColloquyChatMemoryRepository colloquyChatMemoryRepository(ColloquyClient client, ColloquyProperties properties) {
        return new ColloquyChatMemoryRepository(client, properties.getKeyPrefix());
    }
}
