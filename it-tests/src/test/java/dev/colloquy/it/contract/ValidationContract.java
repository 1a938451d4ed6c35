package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.ConversationPatch;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Metadata;
import dev.colloquy.message.History;
import dev.colloquy.message.NewMessage;
import dev.colloquy.retention.Counts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

public interface ValidationContract extends ContractSupport {

    private void rejected(String field, ThrowingCallable call) {
        Counts before = counts();
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class).hasMessageStartingWith(field);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    default void nulCharactersAreRejectedEverywhere() {
        UUID project = newProject();
        var conversation = newConversation(project);
        var conversations = database().conversations();
        var messages = database().messages();

        rejected("title", () -> conversations.create(project, NewConversation.titled("a\0b")));
        rejected(
                "tags[0]",
                () -> conversations.create(project, NewConversation.empty().withTags("a\0")));
        rejected(
                "metadata",
                () -> conversations.create(
                        project,
                        NewConversation.empty().withMetadata(Metadata.parse("metadata", "{\"k\":\"v\\u0000\"}"))));
        rejected("metadata", () -> Metadata.parse("metadata", "{\"k\\u0000\":1}"));
        rejected(
                "messages[0].content",
                () -> messages.append(project, conversation.id(), List.of(NewMessage.of("user", "\0"))));
        rejected(
                "title",
                () -> conversations.update(
                        project, conversation.id(), ConversationPatch.none().title(Optional.of("\0"))));
        assertThat(database().conversations().get(project, conversation.id()).messageCount())
                .isZero();
    }

    @Test
    default void unpairedSurrogatesAreRejected() {
        UUID project = newProject();
        var conversation = newConversation(project);

        rejected(
                "messages[0].content",
                () -> database()
                        .messages()
                        .append(project, conversation.id(), List.of(NewMessage.of("user", "broken \uD83D here"))));
        rejected("title", () -> database().conversations().create(project, NewConversation.titled("\uDC00")));
        assertThat(append(project, conversation.id(), "whole \uD83E\uDD84 emoji"))
                .hasSize(1);
    }

    @Test
    default void titleLimitIsFiveHundredCharacters() {
        UUID project = newProject();
        String emoji = "\uD83E\uDD84";
        assertThat(database()
                        .conversations()
                        .create(project, NewConversation.titled(emoji.repeat(500)))
                        .title())
                .contains(emoji.repeat(500));
        rejected("title", () -> database().conversations().create(project, NewConversation.titled("x".repeat(501))));
    }

    @Test
    default void contentLimitIsOneMebibyteOfUtf8() {
        UUID project = newProject();
        var conversation = newConversation(project);
        String exact = "é".repeat(512 * 1024);

        var stored = database().messages().append(project, conversation.id(), List.of(NewMessage.of("user", exact)));
        assertThat(database().messages().history(project, conversation.id(), History.last(1)))
                .singleElement()
                .satisfies(m -> assertThat(m.content()).isEqualTo(exact))
                .isEqualTo(stored.get(0));
        rejected(
                "messages[0].content",
                () -> database()
                        .messages()
                        .append(project, conversation.id(), List.of(NewMessage.of("user", exact + "x"))));
    }

    @Test
    default void metadataLimitIsSixtyFourKibibytesAndMustBeAnObject() {
        UUID project = newProject();
        String filler = "x".repeat(64 * 1024 - "{\"k\":\"\"}".length());
        var fits = Metadata.parse("metadata", "{\"k\":\"" + filler + "\"}");
        assertThat(database()
                        .conversations()
                        .create(project, NewConversation.empty().withMetadata(fits))
                        .metadata())
                .isEqualTo(fits);
        var tooBig = Metadata.parse("metadata", "{\"k\":\"" + filler + "x\"}");
        rejected(
                "metadata",
                () -> database()
                        .conversations()
                        .create(project, NewConversation.empty().withMetadata(tooBig)));
        rejected("metadata", () -> Metadata.parse("metadata", "[1,2]"));
        rejected("metadata", () -> Metadata.parse("metadata", "\"text\""));
        rejected("metadata", () -> Metadata.parse("metadata", "{\"a\":1,\"a\":2}"));
        rejected("metadata", () -> Metadata.parse("metadata", "{bad json"));
        rejected("metadata", () -> Metadata.parse("metadata", "{\"n\":1e400}"));
    }

    @Test
    default void tagLimitsAreFiftyTagsOfSixtyFourCharacters() {
        UUID project = newProject();
        var fifty = IntStream.range(0, 50).mapToObj(i -> "tag-" + i).toArray(String[]::new);
        assertThat(database()
                        .conversations()
                        .create(project, NewConversation.empty().withTags(fifty))
                        .tags())
                .hasSize(50);

        var fiftyOne = new ArrayList<>(List.of(fifty));
        fiftyOne.add("one-more");
        rejected(
                "tags",
                () -> database()
                        .conversations()
                        .create(project, NewConversation.empty().withTags(fiftyOne.toArray(String[]::new))));
        assertThat(database()
                        .conversations()
                        .create(project, NewConversation.empty().withTags("t".repeat(64)))
                        .tags())
                .containsExactly("t".repeat(64));
        rejected(
                "tags[0]",
                () -> database()
                        .conversations()
                        .create(project, NewConversation.empty().withTags("t".repeat(65))));
        rejected(
                "tags[0]",
                () -> database()
                        .conversations()
                        .create(project, NewConversation.empty().withTags("   ")));
        rejected(
                "tags[1]",
                () -> database()
                        .conversations()
                        .create(project, NewConversation.empty().withTags("ok", "new\nline")));
    }
}
