package dev.colloquy.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.domain.IdempotencyKeyReusedException;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.idempotency.Answer;
import dev.colloquy.idempotency.IdempotentRequest;
import dev.colloquy.message.History;
import dev.colloquy.message.Message;
import dev.colloquy.message.NewMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Writes done once per idempotency key: the write and its kept answer are one transaction. */
public interface IdempotencyContract extends ContractSupport {

    Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");

    private UUID newToken(UUID project) {
        return database()
                .tokens()
                .issue(project, "writer-" + UUID.randomUUID(), false, Optional.empty())
                .token()
                .id();
    }

    /** Appends {@code content} once per request, counting the runs of the work itself. */
    private Answer appendOnce(
            IdempotentRequest request, UUID project, UUID conversation, String content, AtomicInteger runs) {
        return database()
                .idempotency()
                .once(
                        request,
                        LONG_AGO,
                        () -> {
                            runs.incrementAndGet();
                            return append(project, conversation, content);
                        },
                        stored -> Answer.of(
                                conversation,
                                201,
                                Optional.empty(),
                                "{\"seq\":" + stored.get(0).seq() + ",\"id\":\""
                                        + stored.get(0).id() + "\"}"));
    }

    private List<Message> history(UUID project, UUID conversation) {
        return database().messages().history(project, conversation, History.last(100));
    }

    @Test
    default void aRepeatedRequestGetsTheFirstAnswerAndWritesNothing() {
        UUID project = newProject();
        UUID conversation = newConversation(project).id();
        var request = new IdempotentRequest(newToken(project), "retry-1", "fp-a");
        var runs = new AtomicInteger();

        Answer first = appendOnce(request, project, conversation, "hello", runs);
        Answer again = appendOnce(request, project, conversation, "hello", runs);

        assertThat(runs).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.conversationId()).isEqualTo(conversation);
        assertThat(again.location()).isEmpty();
        assertThat(history(project, conversation)).extracting(Message::content).containsExactly("hello");
        assertThat(database().conversations().get(project, conversation).messageCount())
                .isEqualTo(1);
    }

    @Test
    default void aKeptLocationComesBackAsGiven() {
        UUID project = newProject();
        var request = new IdempotentRequest(newToken(project), "create-1", "fp-create");
        var runs = new AtomicInteger();
        Callable<Answer> create = () -> database()
                .idempotency()
                .once(
                        request,
                        LONG_AGO,
                        () -> {
                            runs.incrementAndGet();
                            return newConversation(project);
                        },
                        created -> Answer.of(
                                created.id(),
                                201,
                                Optional.of("/v1/conversations/" + created.id()),
                                "{\"id\":\"" + created.id() + "\"}"));

        try {
            Answer first = create.call();
            Answer again = create.call();
            assertThat(again.location()).isEqualTo(first.location()).isPresent();
            assertThat(again.body()).isEqualTo(first.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(runs).hasValue(1);
        assertThat(database()
                        .conversations()
                        .list(project, ConversationFilter.all())
                        .items())
                .hasSize(1);
    }

    @Test
    default void theSameKeyWithAnotherRequestIsRefusedAndWritesNothing() {
        UUID project = newProject();
        UUID conversation = newConversation(project).id();
        UUID token = newToken(project);
        var runs = new AtomicInteger();
        appendOnce(new IdempotentRequest(token, "k", "fp-first"), project, conversation, "first", runs);

        assertThatThrownBy(() ->
                        appendOnce(new IdempotentRequest(token, "k", "fp-other"), project, conversation, "other", runs))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("'k'")
                .hasMessageContaining("different request");
        assertThat(runs).hasValue(1);
        assertThat(history(project, conversation)).extracting(Message::content).containsExactly("first");
    }

    @Test
    default void keysBelongToTheirToken() {
        UUID project = newProject();
        UUID conversation = newConversation(project).id();
        var runs = new AtomicInteger();

        appendOnce(new IdempotentRequest(newToken(project), "shared", "fp"), project, conversation, "one", runs);
        Answer other = appendOnce(
                new IdempotentRequest(newToken(project), "shared", "fp"), project, conversation, "two", runs);

        assertThat(runs).hasValue(2);
        assertThat(other.replayed()).isFalse();
        assertThat(history(project, conversation)).extracting(Message::content).containsExactly("one", "two");
    }

    @Test
    default void aFailedWriteKeepsNothingAndItsRetryRunsAnew() {
        UUID project = newProject();
        UUID conversation = newConversation(project).id();
        var request = new IdempotentRequest(newToken(project), "fails-first", "fp");
        var runs = new AtomicInteger();

        assertThatThrownBy(() -> database()
                        .idempotency()
                        .once(
                                request,
                                LONG_AGO,
                                () -> {
                                    runs.incrementAndGet();
                                    append(project, conversation, "stored, then undone");
                                    return database()
                                            .messages()
                                            .append(project, conversation, List.of(NewMessage.of("wizard", "bad")));
                                },
                                stored -> Answer.of(conversation, 201, Optional.empty(), "{}")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(history(project, conversation)).isEmpty();
        assertThat(database().conversations().get(project, conversation).messageCount())
                .isZero();

        Answer retry = appendOnce(request, project, conversation, "second try", runs);
        assertThat(retry.replayed()).isFalse();
        assertThat(runs).hasValue(2);
        assertThat(history(project, conversation)).extracting(Message::content).containsExactly("second try");
    }

    @Test
    default void anExpiredAnswerIsForgottenAndTheKeyWritesAgain() {
        UUID project = newProject();
        UUID conversation = newConversation(project).id();
        var request = new IdempotentRequest(newToken(project), "old", "fp");
        var runs = new AtomicInteger();
        Instant then = Instant.parse("2030-01-01T00:00:00Z");
        try (var pin = clock().pin(then)) {
            appendOnce(request, project, conversation, "then", runs);
        }

        Answer later = database()
                .idempotency()
                .once(
                        request,
                        then.plusMillis(1),
                        () -> {
                            runs.incrementAndGet();
                            return append(project, conversation, "later");
                        },
                        stored -> Answer.of(conversation, 201, Optional.empty(), "{\"later\":true}"));

        assertThat(later.replayed()).isFalse();
        assertThat(runs).hasValue(2);
        assertThat(appendOnce(request, project, conversation, "again", runs).body())
                .isEqualTo("{\"later\":true}");
        assertThat(runs).hasValue(2);
    }

    @Test
    default void forgettingRemovesOnlyAnswersKeptBeforeTheCutoff() {
        UUID project = newProject();
        UUID conversation = newConversation(project).id();
        UUID token = newToken(project);
        var runs = new AtomicInteger();
        Instant old = Instant.parse("2031-01-01T00:00:00Z");
        Instant recent = Instant.parse("2031-01-03T00:00:00Z");
        try (var pin = clock().pin(old)) {
            appendOnce(new IdempotentRequest(token, "old", "fp"), project, conversation, "a", runs);
        }
        try (var pin = clock().pin(recent)) {
            appendOnce(new IdempotentRequest(token, "recent", "fp"), project, conversation, "b", runs);
        }

        long forgotten = database().idempotency().forgetBefore(Instant.parse("2031-01-02T00:00:00Z"));

        assertThat(forgotten).isGreaterThanOrEqualTo(1);
        assertThat(appendOnce(new IdempotentRequest(token, "recent", "fp"), project, conversation, "b", runs)
                        .replayed())
                .isTrue();
        assertThat(appendOnce(new IdempotentRequest(token, "old", "fp"), project, conversation, "a", runs)
                        .replayed())
                .isFalse();
        assertThat(runs).hasValue(3);
    }

    @Test
    default void anAnswerGoesWithItsConversation() {
        UUID project = newProject();
        UUID conversation = newConversation(project).id();
        var request = new IdempotentRequest(newToken(project), "gone", "fp");
        var runs = new AtomicInteger();
        appendOnce(request, project, conversation, "hello", runs);

        database().conversations().delete(project, conversation);

        assertThatThrownBy(() -> appendOnce(request, project, conversation, "hello", runs))
                .isInstanceOf(NotFoundException.class);
        assertThat(runs).hasValue(2);
    }

    @Test
    default void concurrentRequestsWithOneKeyWriteOnceAndAllGetTheSameAnswer() throws Exception {
        UUID project = newProject();
        UUID conversation = newConversation(project).id();
        var request = new IdempotentRequest(newToken(project), "raced", "fp");
        var runs = new AtomicInteger();
        int threads = 16;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<Answer>>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return appendOnce(request, project, conversation, "only once", runs);
                }));
            }
            start.countDown();
            var answers = new ArrayList<Answer>();
            for (var future : futures) {
                answers.add(future.get());
            }
            assertThat(answers)
                    .extracting(Answer::body)
                    .containsOnly(answers.get(0).body());
            assertThat(answers).filteredOn(answer -> !answer.replayed()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(history(project, conversation)).extracting(Message::content).containsExactly("only once");
        assertThat(database().conversations().get(project, conversation).messageCount())
                .isEqualTo(1);
    }
}
