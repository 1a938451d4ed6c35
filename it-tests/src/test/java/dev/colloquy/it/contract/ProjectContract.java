package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.message.History;
import dev.colloquy.search.SearchRequest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

public interface ProjectContract extends ContractSupport {

    @Test
    default void createdProjectIsFoundByIdByNameAndInTheList() {
        String name = "acme-" + UUID.randomUUID();
        var project = database().projects().create(name);

        assertThat(database().projects().find(project.id())).contains(project);
        assertThat(database().projects().findByName(name)).contains(project);
        assertThat(database().projects().list()).contains(project);
        assertThat(project.createdAt().getNano() % 1_000_000).isZero();
    }

    @Test
    default void findOrCreateGivesConcurrentCallersTheSameProject() throws Exception {
        String name = "shared-" + UUID.randomUUID();
        var pool = Executors.newFixedThreadPool(4);
        try {
            var tasks = Collections.nCopies(8, (Callable<UUID>)
                    () -> database().projects().findOrCreate(name).id());
            var ids = new HashSet<UUID>();
            for (var future : pool.invokeAll(tasks)) {
                ids.add(future.get());
            }
            assertThat(ids).hasSize(1);
            assertThat(database().projects().findByName(name).map(p -> p.id()))
                    .contains(ids.iterator().next());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    default void projectNameTakenTwiceIsAConflict() {
        String name = "twice-" + UUID.randomUUID();
        database().projects().create(name);

        assertThatThrownBy(() -> database().projects().create(name))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(name);
    }

    @Test
    default void projectNameMustBePresentShortAndPrintable() {
        long before = counts().projects();

        assertThatThrownBy(() -> database().projects().create(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database().projects().create("a\0b")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database().projects().create("x".repeat(101)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> database().projects().create("tab\there")).isInstanceOf(InvalidInputException.class);
        assertThat(counts().projects()).isEqualTo(before);
    }

    @Test
    default void deletingAProjectDeletesAllItsData() {
        UUID project = newProject();
        var conversation = database()
                .conversations()
                .create(project, NewConversation.titled("t").withTags("keep"));
        append(project, conversation.id(), "remember the unicorn");
        var token = database().tokens().issue(project, "ci", false, Optional.empty());
        UUID other = newProject();
        var survivor = newConversation(other);
        append(other, survivor.id(), "remember the unicorn");

        database().projects().delete(project);

        assertThat(database().projects().find(project)).isEmpty();
        assertThatThrownBy(() -> database().conversations().get(project, conversation.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(database().tokens().authenticate(token.secret())).isEmpty();
        assertThat(database().tokens().find(token.token().id())).isEmpty();
        assertThat(database().search().search(other, SearchRequest.of("unicorn")))
                .hasSize(1);
        assertThat(database().messages().history(other, survivor.id(), History.last(10)))
                .hasSize(1);
        assertThat(database().searchIndexConsistent()).isTrue();
    }

    @Test
    default void deletingAnUnknownProjectIsNotFound() {
        assertThatThrownBy(() -> database().projects().delete(UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
    }
}
