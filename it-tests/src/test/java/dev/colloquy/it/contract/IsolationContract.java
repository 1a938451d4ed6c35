package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.ConversationPatch;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.message.History;
import dev.colloquy.message.NewMessage;
import dev.colloquy.search.SearchRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

public interface IsolationContract extends ContractSupport {

    @Test
    default void aProjectNeverSeesOrChangesAnotherProjectsData() {
        UUID owner = newProject();
        UUID stranger = newProject();
        var conversation = database()
                .conversations()
                .create(owner, NewConversation.titled("secret").withTags("private"));
        append(owner, conversation.id(), "classified walrus plans");
        UUID id = conversation.id();

        assertThatThrownBy(() -> database().conversations().get(stranger, id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> database()
                        .conversations()
                        .update(stranger, id, ConversationPatch.none().title(Optional.of("x"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> database().conversations().delete(stranger, id))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> database().messages().append(stranger, id, List.of(NewMessage.of("user", "x"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> database().messages().replace(stranger, id, List.of()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> database().messages().history(stranger, id, History.last(5)))
                .isInstanceOf(NotFoundException.class);
        assertThat(database()
                        .conversations()
                        .list(stranger, ConversationFilter.all())
                        .items())
                .isEmpty();
        assertThat(database()
                        .conversations()
                        .list(stranger, ConversationFilter.all().withTag("private"))
                        .items())
                .isEmpty();
        assertThat(database().conversations().tags(stranger)).isEmpty();
        assertThat(database().search().search(stranger, SearchRequest.of("walrus")))
                .isEmpty();
        assertThatThrownBy(() -> database()
                        .search()
                        .search(stranger, SearchRequest.of("walrus").inConversation(id)))
                .as("another project's conversation is not found, as on every route")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() ->
                        database().search().search(owner, SearchRequest.of("").inConversation(UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);

        var untouched = database().conversations().get(owner, id);
        assertThat(untouched).isEqualTo(database().conversations().get(owner, id));
        assertThat(untouched.title()).contains("secret");
        assertThat(untouched.messageCount()).isEqualTo(1);
    }

    @Test
    default void tagsOfTheSameNameAreSeparatePerProject() {
        UUID a = newProject();
        UUID b = newProject();
        database().conversations().create(a, NewConversation.empty().withTags("shared"));
        database().conversations().create(b, NewConversation.empty().withTags("shared"));
        database().conversations().create(b, NewConversation.empty().withTags("shared"));

        assertThat(database().conversations().tags(a))
                .singleElement()
                .satisfies(t -> assertThat(t.conversations()).isEqualTo(1));
        assertThat(database().conversations().tags(b))
                .singleElement()
                .satisfies(t -> assertThat(t.conversations()).isEqualTo(2));
    }
}
