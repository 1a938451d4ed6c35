package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Role;
import dev.colloquy.domain.TimeRange;
import dev.colloquy.message.History;
import dev.colloquy.message.Message;
import dev.colloquy.message.NewMessage;
import dev.colloquy.search.SearchRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

public interface MessageContract extends ContractSupport {

    @Test
    default void appendAssignsSeqFromOneAndCountsMessages() {
        UUID project = newProject();
        var conversation = newConversation(project);
        Instant later = Instant.parse("2040-01-01T00:00:00.123Z");

        List<Message> first = append(project, conversation.id(), "hello", "world");
        List<Message> second;
        try (var pin = clock().pin(later)) {
            second = database()
                    .messages()
                    .append(
                            project,
                            conversation.id(),
                            List.of(new NewMessage(
                                    "assistant", "", Metadata.parse("m", "{\"toolCalls\":[{\"name\":\"lookup\"}]}"))));
        }

        assertThat(first).extracting(Message::seq).containsExactly(1, 2);
        assertThat(second).extracting(Message::seq).containsExactly(3);
        assertThat(second.get(0).content()).isEmpty();
        assertThat(second.get(0).role()).isEqualTo(Role.ASSISTANT);
        var read = database().conversations().get(project, conversation.id());
        assertThat(read.messageCount()).isEqualTo(3);
        assertThat(read.updatedAt()).isEqualTo(later);
        assertThat(database().messages().history(project, conversation.id(), History.last(10)))
                .containsExactly(first.get(0), first.get(1), second.get(0));
    }

    @Test
    default void historyNarrowsToATimeRangeBeforeTakingItsWindow() {
        UUID project = newProject();
        var conversation = newConversation(project);
        Instant start = Instant.parse("2031-05-01T08:00:00Z");
        for (int hour = 0; hour < 5; hour++) {
            try (var pin = clock().pin(start.plusSeconds(3600L * hour))) {
                append(project, conversation.id(), "hour " + hour + " a", "hour " + hour + " b");
            }
        }
        // seq 1-2 at 08:00, 3-4 at 09:00, ... 9-10 at 12:00
        var day = new TimeRange(Optional.of(start.plusSeconds(3600)), Optional.of(start.plusSeconds(3 * 3600)));
        assertThat(database().messages().history(project, conversation.id(), History.last(50), day))
                .extracting(Message::seq)
                .containsExactly(3, 4, 5, 6);
        assertThat(database().messages().history(project, conversation.id(), History.last(3), day))
                .extracting(Message::seq)
                .containsExactly(4, 5, 6);
        assertThat(database().messages().history(project, conversation.id(), History.after(4, 10), day))
                .extracting(Message::seq)
                .containsExactly(5, 6);
        assertThat(database().messages().history(project, conversation.id(), History.before(4, 10), day))
                .extracting(Message::seq)
                .containsExactly(3);
        assertThat(database()
                        .messages()
                        .history(
                                project,
                                conversation.id(),
                                History.last(50),
                                TimeRange.ALL.since(start.plusSeconds(4 * 3600))))
                .extracting(Message::seq)
                .containsExactly(9, 10);
        assertThat(database()
                        .messages()
                        .history(
                                project,
                                conversation.id(),
                                History.last(50),
                                TimeRange.ALL.until(start.plusSeconds(1))))
                .extracting(Message::seq)
                .containsExactly(1, 2);
        assertThatThrownBy(() -> database()
                        .messages()
                        .history(
                                project,
                                conversation.id(),
                                History.last(5),
                                TimeRange.ALL.until(Instant.parse("+10000-01-01T00:00:00Z"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("until");
    }

    @Test
    default void aBatchWithOneBadMessageStoresNone() {
        UUID project = newProject();
        var conversation = newConversation(project);
        append(project, conversation.id(), "kept");
        long before = counts().messages();

        assertThatThrownBy(() -> database()
                        .messages()
                        .append(
                                project,
                                conversation.id(),
                                List.of(NewMessage.of("user", "fine"), NewMessage.of("wizard", "bad role"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("messages[1].role");
        assertThatThrownBy(() -> database()
                        .messages()
                        .append(
                                project,
                                conversation.id(),
                                List.of(NewMessage.of("user", "fine"), NewMessage.of("user", null))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("messages[1].content");
        assertThatThrownBy(() -> database().messages().append(project, conversation.id(), List.of()))
                .isInstanceOf(InvalidInputException.class);

        assertThat(counts().messages()).isEqualTo(before);
        assertThat(database().conversations().get(project, conversation.id()).messageCount())
                .isEqualTo(1);
        assertThat(append(project, conversation.id(), "next"))
                .extracting(Message::seq)
                .containsExactly(2);
    }

    @Test
    default void appendToAnUnknownConversationIsNotFound() {
        UUID project = newProject();
        assertThatThrownBy(() -> append(project, UUID.randomUUID(), "lost")).isInstanceOf(NotFoundException.class);
    }

    @Test
    default void appendAssignsGapFreeSeqUnderConcurrentWriters() throws Exception {
        UUID project = newProject();
        var conversation = newConversation(project);
        int threads = 8;
        int perThread = 100;
        var pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var tasks = new ArrayList<Callable<List<Integer>>>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                tasks.add(() -> {
                    start.await();
                    var seqs = new ArrayList<Integer>();
                    for (int i = 0; i < perThread; i++) {
                        seqs.add(append(project, conversation.id(), "writer " + writer + " message " + i)
                                .get(0)
                                .seq());
                    }
                    return seqs;
                });
            }
            var futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            var all = new ArrayList<Integer>();
            for (var future : futures) {
                List<Integer> seqs = future.get();
                assertThat(seqs).isSorted();
                all.addAll(seqs);
            }
            assertThat(all)
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads * perThread)
                            .boxed()
                            .toList());
        } finally {
            pool.shutdown();
        }
        var history = database().messages().history(project, conversation.id(), History.after(0, 1000));
        assertThat(history)
                .extracting(Message::seq)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 800).boxed().toList());
        assertThat(database().conversations().get(project, conversation.id()).messageCount())
                .isEqualTo(800);
    }

    @Test
    default void sixteenWritersOnDifferentConversationsNeverFail() throws Exception {
        UUID project = newProject();
        int threads = 16;
        var pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<UUID>>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    var conversation = newConversation(project);
                    for (int i = 0; i < 25; i++) {
                        database()
                                .messages()
                                .append(
                                        project,
                                        conversation.id(),
                                        List.of(
                                                NewMessage.of("user", "question " + i),
                                                NewMessage.of("assistant", "answer " + i)));
                    }
                    return conversation.id();
                }));
            }
            start.countDown();
            for (var future : futures) {
                UUID id = future.get();
                assertThat(database().conversations().get(project, id).messageCount())
                        .isEqualTo(50);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    default void replaceSwapsAllMessagesAndRestartsSeq() {
        UUID project = newProject();
        var conversation = newConversation(project);
        append(project, conversation.id(), "old walrus", "older walrus", "oldest walrus");

        var replaced = database()
                .messages()
                .replace(
                        project,
                        conversation.id(),
                        List.of(
                                NewMessage.of("system", "you are terse"),
                                NewMessage.of("user", "summary of the narwhal")));

        assertThat(replaced).extracting(Message::seq).containsExactly(1, 2);
        assertThat(database().messages().history(project, conversation.id(), History.last(10)))
                .isEqualTo(replaced);
        assertThat(database().conversations().get(project, conversation.id()).messageCount())
                .isEqualTo(2);
        assertThat(database().search().search(project, SearchRequest.of("walrus")))
                .isEmpty();
        assertThat(database().search().search(project, SearchRequest.of("narwhal")))
                .hasSize(1);
        assertThat(append(project, conversation.id(), "after"))
                .extracting(Message::seq)
                .containsExactly(3);

        assertThat(database().messages().replace(project, conversation.id(), List.of()))
                .isEmpty();
        assertThat(database().conversations().get(project, conversation.id()).messageCount())
                .isZero();
        assertThat(database().searchIndexConsistent()).isTrue();
    }

    @Test
    default void historyWindowsAreChronological() {
        UUID project = newProject();
        var conversation = newConversation(project);
        for (int i = 1; i <= 10; i++) {
            append(project, conversation.id(), "m" + i);
        }
        var messages = database().messages();

        assertThat(messages.history(project, conversation.id(), History.last(3)))
                .extracting(Message::seq)
                .containsExactly(8, 9, 10);
        assertThat(messages.history(project, conversation.id(), History.last(50)))
                .hasSize(10);
        assertThat(messages.history(project, conversation.id(), History.after(4, 3)))
                .extracting(Message::seq)
                .containsExactly(5, 6, 7);
        assertThat(messages.history(project, conversation.id(), History.after(9, 5)))
                .extracting(Message::seq)
                .containsExactly(10);
        assertThat(messages.history(project, conversation.id(), History.after(10, 5)))
                .isEmpty();
        assertThat(messages.history(project, conversation.id(), History.before(5, 2)))
                .extracting(Message::seq)
                .containsExactly(3, 4);
        assertThat(messages.history(project, conversation.id(), History.before(2, 10)))
                .extracting(Message::seq)
                .containsExactly(1);
        assertThat(messages.history(project, conversation.id(), History.before(100, 0)))
                .hasSize(10);
    }

    @Test
    default void historyRejectsImpossibleWindows() {
        UUID project = newProject();
        var conversation = newConversation(project);
        var messages = database().messages();

        assertThatThrownBy(() -> messages.history(project, conversation.id(), History.last(0)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> messages.history(project, conversation.id(), History.last(1001)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> messages.history(project, conversation.id(), History.after(-1, 5)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> messages.history(project, conversation.id(), History.before(0, 5)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> messages.history(project, conversation.id(), History.after(0, -3)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    default void aThousandMessagesFitInOneBatchAndOneMoreDoesNot() {
        UUID project = newProject();
        var conversation = newConversation(project);
        var batch = IntStream.range(0, 1000)
                .mapToObj(i -> NewMessage.of("user", "bulk " + i))
                .toList();

        assertThat(database().messages().append(project, conversation.id(), batch))
                .hasSize(1000);
        var tooMany = new ArrayList<>(batch);
        tooMany.add(NewMessage.of("user", "one more"));
        assertThatThrownBy(() -> database().messages().append(project, conversation.id(), tooMany))
                .isInstanceOf(InvalidInputException.class);
        assertThat(database().conversations().get(project, conversation.id()).messageCount())
                .isEqualTo(1000);
    }
}
