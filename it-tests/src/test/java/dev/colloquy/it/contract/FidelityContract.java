package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.Metadata;
import dev.colloquy.message.History;
import dev.colloquy.message.NewMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Values read back exactly as written: instants, JSON, Unicode. */
public interface FidelityContract extends ContractSupport {

    @Test
    default void instantsAreStoredInUtcWithMillisecondPrecision() {
        UUID project = newProject();
        Instant precise = Instant.parse("2038-01-19T03:14:07.123456789Z");
        try (var pin = clock().pin(precise)) {
            var conversation = newConversation(project);
            var message = append(project, conversation.id(), "tick").get(0);

            Instant expected = Instant.parse("2038-01-19T03:14:07.123Z");
            assertThat(conversation.createdAt()).isEqualTo(expected);
            assertThat(database()
                            .conversations()
                            .get(project, conversation.id())
                            .updatedAt())
                    .isEqualTo(expected);
            assertThat(database()
                            .messages()
                            .history(project, conversation.id(), History.last(1))
                            .get(0)
                            .createdAt())
                    .isEqualTo(expected)
                    .isEqualTo(message.createdAt());
        }
    }

    @Test
    default void instantsBeforeTheEpochAndFarAheadRoundTrip() {
        UUID project = newProject();
        for (Instant instant :
                List.of(Instant.parse("1969-07-20T20:17:40.001Z"), Instant.parse("2999-12-31T23:59:59.999Z"))) {
            try (var pin = clock().pin(instant)) {
                var conversation = newConversation(project);
                assertThat(database()
                                .conversations()
                                .get(project, conversation.id())
                                .createdAt())
                        .isEqualTo(instant);
            }
        }
    }

    @Test
    default void metadataReadsBackEqualKeyOrderAside() {
        UUID project = newProject();
        String document = "{\"z\":1,\"a\":{\"nested\":{\"deep\":[1,2.5,\"three\",null,true,{\"x\":{}}]}},"
                + "\"big\":9007199254740993,\"negative\":-0.125,\"exp\":1.0E10,\"tiny\":1.5E-7,\"empty\":{},\"list\":[],"
                + "\"unicode\":\"日本語 🦄 مرحبا \\\"quoted\\\" \\\\ back\",\"flag\":false,\"nothing\":null}";
        var metadata = Metadata.parse("metadata", document);
        var conversation = database()
                .conversations()
                .create(project, NewConversation.empty().withMetadata(metadata));
        var message = database()
                .messages()
                .append(project, conversation.id(), List.of(new NewMessage("tool", "{}", metadata)))
                .get(0);

        assertThat(database().conversations().get(project, conversation.id()).metadata())
                .isEqualTo(metadata);
        assertThat(database()
                        .messages()
                        .history(project, conversation.id(), History.last(1))
                        .get(0)
                        .metadata())
                .isEqualTo(metadata)
                .isEqualTo(message.metadata());
        assertThat(metadata.tree().get("exp").isIntegralNumber()).isTrue();
        assertThat(metadata.tree().get("big").asLong()).isEqualTo(9007199254740993L);
    }

    @Test
    default void unicodeTextRoundTripsExactly() {
        UUID project = newProject();
        String text = "Ünïcödé e\u0301 日本語 🦄 \u200f עברית \u200e mixed ﷽ \t tabs\nnew lines\r\n and \\ backslashes";
        var conversation = database()
                .conversations()
                .create(project, new NewConversation(Optional.of(text), Metadata.EMPTY, List.of("Ünï")));
        append(project, conversation.id(), text);

        var read = database().conversations().get(project, conversation.id());
        assertThat(read.title()).contains(text);
        assertThat(read.tags()).containsExactly("ünï");
        assertThat(database()
                        .messages()
                        .history(project, conversation.id(), History.last(1))
                        .get(0)
                        .content())
                .isEqualTo(text);
    }
}
