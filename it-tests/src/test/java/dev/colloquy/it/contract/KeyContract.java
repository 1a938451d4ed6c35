package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.Conversation;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.conversation.ConversationPatch;
import dev.colloquy.conversation.NewConversation;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.message.History;
import dev.colloquy.message.Message;
import dev.colloquy.message.NewMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Conversations addressed by the client's own key. */
public interface KeyContract extends ContractSupport {

    @Test
    default void aKeyGivenAtCreationFindsTheConversationWithinItsProjectOnly() {
        UUID project = newProject();
        UUID other = newProject();
        var created = database()
                .conversations()
                .create(project, NewConversation.titled("mine").withKey("user-42"));

        assertThat(created.key()).contains("user-42");
        Conversation found = database().conversations().getByKey(project, "user-42");
        assertThat(found).isEqualTo(database().conversations().get(project, created.id()));
        assertThatThrownBy(() -> database().conversations().getByKey(other, "user-42"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("user-42");
        assertThatThrownBy(() -> database().conversations().getByKey(project, "user-43"))
                .isInstanceOf(NotFoundException.class);

        // the same key in another project is another conversation
        var theirs =
                database().conversations().create(other, NewConversation.empty().withKey("user-42"));
        assertThat(theirs.id()).isNotEqualTo(created.id());
        assertThat(database().conversations().getByKey(other, "user-42").id()).isEqualTo(theirs.id());
    }

    @Test
    default void aKeyIsUniqueWithinItsProject() {
        UUID project = newProject();
        var first = database()
                .conversations()
                .create(project, NewConversation.empty().withKey("taken"));
        var second = database().conversations().create(project, NewConversation.empty());
        long before = counts().conversations();

        assertThatThrownBy(() -> database()
                        .conversations()
                        .create(project, NewConversation.empty().withKey("taken")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("taken")
                .hasMessageContaining(first.id().toString());
        assertThatThrownBy(() -> database()
                        .conversations()
                        .update(project, second.id(), ConversationPatch.none().key(Optional.of("taken"))))
                .isInstanceOf(ConflictException.class);
        assertThat(counts().conversations()).isEqualTo(before);
        assertThat(database().conversations().get(project, second.id()).key()).isEmpty();

        // keys compare byte by byte: case matters
        var upper = database()
                .conversations()
                .create(project, NewConversation.empty().withKey("TAKEN"));
        assertThat(database().conversations().getByKey(project, "TAKEN").id()).isEqualTo(upper.id());
    }

    @Test
    default void aPatchSetsMovesAndRemovesTheKey() {
        UUID project = newProject();
        var conversation = newConversation(project);
        var keyed = database()
                .conversations()
                .update(project, conversation.id(), ConversationPatch.none().key(Optional.of("a")));
        assertThat(keyed.key()).contains("a");
        assertThat(keyed.version()).isGreaterThan(conversation.version());

        database()
                .conversations()
                .update(project, conversation.id(), ConversationPatch.none().key(Optional.of("b")));
        assertThatThrownBy(() -> database().conversations().getByKey(project, "a"))
                .isInstanceOf(NotFoundException.class);
        assertThat(database().conversations().getByKey(project, "b").id()).isEqualTo(conversation.id());
        // setting its own key again is no conflict
        database()
                .conversations()
                .update(project, conversation.id(), ConversationPatch.none().key(Optional.of("b")));

        var removed = database()
                .conversations()
                .update(project, conversation.id(), ConversationPatch.none().key(Optional.empty()));
        assertThat(removed.key()).isEmpty();
        assertThatThrownBy(() -> database().conversations().getByKey(project, "b"))
                .isInstanceOf(NotFoundException.class);
        // a freed key may be taken by another conversation
        var next = database()
                .conversations()
                .create(project, NewConversation.empty().withKey("b"));
        assertThat(database().conversations().getByKey(project, "b").id()).isEqualTo(next.id());
    }

    @Test
    default void keysFollowTheirCharacterRules() {
        UUID project = newProject();
        String longest = "k".repeat(200);
        for (String key : List.of(
                "a", "0", longest, "user@example.com", "A-Z_a.z~0:9", "!$&'()*+,=", "%2F%3A", ".a", "a.", "a..b")) {
            var created = database()
                    .conversations()
                    .create(project, NewConversation.empty().withKey(key));
            assertThat(database().conversations().getByKey(project, key).id())
                    .as(key)
                    .isEqualTo(created.id());
        }
        long before = counts().conversations();
        for (String bad : List.of(
                "",
                ".",
                "..",
                "...",
                "a/b",
                "a b",
                "a\tb",
                "é",
                "日本",
                "a?b",
                "a#b",
                "a;b",
                "a\"b",
                "k".repeat(201),
                "😀")) {
            assertThatThrownBy(() -> database()
                            .conversations()
                            .create(project, NewConversation.empty().withKey(bad)))
                    .as("'%s'", bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("key");
            assertThatThrownBy(() -> database().conversations().ensureKey(project, bad))
                    .as("'%s'", bad)
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> database().conversations().getByKey(project, bad))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThat(counts().conversations()).isEqualTo(before);
    }

    @Test
    default void theFirstWriteOfAKeyCreatesAnEmptyConversationAndLaterOnesFindIt() {
        UUID project = newProject();
        var first = database().conversations().ensureKey(project, "session-1");
        assertThat(first.key()).contains("session-1");
        assertThat(first.title()).isEmpty();
        assertThat(first.messageCount()).isZero();
        assertThat(first.tags()).isEmpty();
        assertThat(first.metadata().isEmpty()).isTrue();

        var again = database().conversations().ensureKey(project, "session-1");
        assertThat(again.id()).isEqualTo(first.id());
        // it is an ordinary conversation: listed, patched, appended to by id
        assertThat(database()
                        .conversations()
                        .list(project, ConversationFilter.all())
                        .items())
                .extracting(Conversation::id)
                .containsExactly(first.id());
        append(project, first.id(), "hello");
        assertThat(database().conversations().getByKey(project, "session-1").messageCount())
                .isEqualTo(1);
    }

    @Test
    default void concurrentFirstWritesOfOneKeyCreateOneConversationAndKeepEveryMessage() throws Exception {
        UUID project = newProject();
        int threads = 16;
        var pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<List<Message>>>();
            for (int t = 0; t < threads; t++) {
                String content = "from thread " + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return database().atomically(() -> {
                        var conversation = database().conversations().ensureKey(project, "raced");
                        return database()
                                .messages()
                                .append(project, conversation.id(), List.of(NewMessage.of("user", content)));
                    });
                }));
            }
            start.countDown();
            Set<UUID> conversations = new TreeSet<>();
            for (var future : futures) {
                future.get().forEach(message -> conversations.add(message.conversationId()));
            }
            assertThat(conversations).hasSize(1);
            UUID id = conversations.iterator().next();
            assertThat(database()
                            .conversations()
                            .list(project, ConversationFilter.all())
                            .items())
                    .extracting(Conversation::id)
                    .containsExactly(id);
            var conversation = database().conversations().getByKey(project, "raced");
            assertThat(conversation.id()).isEqualTo(id);
            assertThat(conversation.messageCount()).isEqualTo(threads);
            assertThat(database().messages().history(project, id, History.last(100)))
                    .extracting(Message::seq)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, threads)
                            .boxed()
                            .toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void refusedMessagesLeaveNoConversationForTheirKey() {
        UUID project = newProject();
        long before = counts().conversations();
        assertThatThrownBy(() -> database().atomically(() -> {
                    var conversation = database().conversations().ensureKey(project, "never");
                    return database()
                            .messages()
                            .append(project, conversation.id(), List.of(NewMessage.of("robot", "hi")));
                }))
                .isInstanceOf(InvalidInputException.class);
        assertThat(counts().conversations()).isEqualTo(before);
        assertThatThrownBy(() -> database().conversations().getByKey(project, "never"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    default void deletingByKeyIsIdempotentAndTakesTheMessages() {
        UUID project = newProject();
        var conversation = database().conversations().ensureKey(project, "gone");
        append(project, conversation.id(), "one", "two");
        long messages = counts().messages();

        assertThat(database().conversations().deleteByKey(project, "gone")).isTrue();
        assertThat(counts().messages()).isEqualTo(messages - 2);
        assertThatThrownBy(() -> database().conversations().get(project, conversation.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(database().conversations().deleteByKey(project, "gone")).isFalse();
        // another project's key of the same name is untouched
        UUID other = newProject();
        var theirs = database().conversations().ensureKey(other, "gone");
        assertThat(database().conversations().deleteByKey(project, "gone")).isFalse();
        assertThat(database().conversations().getByKey(other, "gone").id()).isEqualTo(theirs.id());
    }

    @Test
    default void theKeyedListingPagesThroughEveryKeyInByteOrder() {
        UUID project = newProject();
        List<String> keys = List.of("b", "a", "B", "a-1", "a.1", "Z", "0", "%41", "~", "a~", "zz", "a_");
        for (String key : keys) {
            database().conversations().ensureKey(project, key);
        }
        newConversation(project); // no key: not listed
        database().conversations().ensureKey(newProject(), "other-project");

        var seen = new ArrayList<String>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            var page = database().conversations().keyed(project, cursor, 5);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
            page.items().forEach(c -> seen.add(c.key().orElseThrow()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());

        var expected = new ArrayList<>(keys);
        expected.sort(null); // String order is byte order for ASCII
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
        assertThat(database()
                        .conversations()
                        .keyed(project, Optional.empty(), 50)
                        .nextCursor())
                .isEmpty();
        assertThatThrownBy(() -> database().conversations().keyed(project, Optional.of("nonsense"), 5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cursor");
    }
}
