package dev.colloquy.it.contract;

import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.it.Fixtures;
import dev.colloquy.it.TestClock;
import dev.colloquy.it.TestDatabases;
import dev.colloquy.message.Message;
import dev.colloquy.message.NewMessage;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.retention.Counts;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What every contract needs: the store under test and the clock it runs on. Each backend supplies
 * them once, in a small class that implements {@link StoreContract}.
 */
public interface ContractSupport {

    /** The open database of the backend this test class runs on ({@link Fixtures.StoreOn}). */
    default Database database() {
        return Fixtures.store(getClass()).database();
    }

    default TestClock clock() {
        return Fixtures.store(getClass()).clock();
    }

    /** Settings for a new, empty database of the backend under test. */
    default DatabaseSettings freshSettings() {
        return TestDatabases.fresh(Fixtures.store(getClass()).backend());
    }

    /** A new project of its own, so tests never see each other's data. */
    default UUID newProject() {
        return database().projects().create("p-" + UUID.randomUUID()).id();
    }

    default Conversation newConversation(UUID project) {
        return database().conversations().create(project, NewConversation.empty());
    }

    default List<Message> append(UUID project, UUID conversation, String... contents) {
        return database()
                .messages()
                .append(
                        project,
                        conversation,
                        Arrays.stream(contents)
                                .map(content -> NewMessage.of("user", content))
                                .toList());
    }

    default Counts counts() {
        return database().retention().counts();
    }
}
