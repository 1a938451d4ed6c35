package dev.colloquy.persistence;

import dev.colloquy.domain.Clocks;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Role;
import dev.colloquy.domain.TimeRange;
import dev.colloquy.domain.Validation;
import dev.colloquy.message.History;
import dev.colloquy.message.Message;
import dev.colloquy.message.MessageEntity;
import dev.colloquy.message.MessageExtras;
import dev.colloquy.message.MessageStore;
import dev.colloquy.message.NewMessage;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

final class JpaMessageStore implements MessageStore {

    private record Checked(Role role, String content, Metadata metadata, MessageExtras extras) {}

    private final Transactor tx;
    private final Clock clock;
    private final Validation validation;

    JpaMessageStore(Transactor tx, Clock clock, Validation validation) {
        this.tx = tx;
        this.clock = clock;
        this.validation = validation;
    }

    @Override
    public List<Message> append(UUID projectId, UUID conversationId, List<NewMessage> messages) {
        List<Checked> checked = check(messages, 1);
        return tx.write(em -> {
            Instant now = Clocks.now(clock);
            int last = reserve(em, projectId, conversationId, checked.size(), false, now);
            return store(em, conversationId, checked, last - checked.size() + 1, now);
        });
    }

    @Override
    public List<Message> replace(UUID projectId, UUID conversationId, List<NewMessage> messages) {
        List<Checked> checked = check(messages, 0);
        return tx.write(em -> {
            Instant now = Clocks.now(clock);
            reserve(em, projectId, conversationId, checked.size(), true, now);
            em.createQuery("delete from Message m where m.conversationId = :conversation")
                    .setParameter("conversation", conversationId)
                    .executeUpdate();
            return store(em, conversationId, checked, 1, now);
        });
    }

    /**
     * Moves the conversation's counters in one atomic UPDATE that returns the new last seq. The
     * UPDATE serializes concurrent appenders to one conversation on every database: where rows lock,
     * the row lock is held until commit; where writers are serialized, the writer holds the database
     * lock. Returns the new last seq.
     *
     * <p>A shared native query (on ConversationEntity) rather than a JPQL UPDATE and a
     * SELECT: Hibernate 7.4 translates a JPQL UPDATE to SQL anew on every execution, which
     * profiling showed as a fifth of an append's time, and RETURNING saves the second round trip.
     */
    private static int reserve(
            EntityManager em, UUID projectId, UUID conversationId, int count, boolean restart, Instant now) {
        List<?> rows = em.createNamedQuery(restart ? "Conversation.restartCounters" : "Conversation.advanceCounters")
                .setParameter("count", count)
                .setParameter("now", now)
                .setParameter("id", conversationId)
                .setParameter("project", projectId)
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("no conversation with id " + conversationId);
        }
        return ((Number) rows.get(0)).intValue();
    }

    /**
     * Messages are read as values, not as managed entities: nothing read here is changed, and
     * profiling showed entity initialization as the larger part of reading a page.
     */
    private static final String SELECT_MESSAGES = "select " + MessageEntity.COLUMNS + " from Message m"
            + " where m.conversationId = :conversation and m.createdAt >= :since and m.createdAt < :until and ";

    private static List<Message> store(
            EntityManager em, UUID conversationId, List<Checked> messages, int firstSeq, Instant now) {
        var stored = new ArrayList<Message>(messages.size());
        int seq = firstSeq;
        for (Checked message : messages) {
            var entity = new MessageEntity(
                    Ids.next(),
                    conversationId,
                    seq++,
                    message.role(),
                    message.content(),
                    message.metadata(),
                    message.extras(),
                    now);
            em.persist(entity);
            stored.add(entity.toMessage());
        }
        return stored;
    }

    private List<Checked> check(List<NewMessage> messages, int minimum) {
        int max = validation.limits().messagesPerBatch();
        if (messages == null) {
            throw new InvalidInputException(
                    "messages", "is required: a list of " + minimum + " to " + max + " messages");
        }
        if (messages.size() < minimum || messages.size() > max) {
            throw new InvalidInputException(
                    "messages", "must hold " + minimum + " to " + max + " messages, held " + messages.size());
        }
        var checked = new ArrayList<Checked>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            NewMessage message = messages.get(i);
            String field = "messages[" + i + "]";
            if (message == null) {
                throw new InvalidInputException(field, "must be an object, was null");
            }
            Role role = Role.parse(field + ".role", message.role());
            MessageExtras extras = message.extras();
            extras.check(field, role, validation.limits().contentBytes());
            String content = message.content() == null && extras.carriesContent()
                    ? null
                    : validation.content(field + ".content", message.content());
            checked.add(
                    new Checked(role, content, validation.metadata(field + ".metadata", message.metadata()), extras));
        }
        return checked;
    }

    @Override
    public List<Message> history(UUID projectId, UUID conversationId, History window, TimeRange range) {
        int max = validation.limits().maxPageSize();
        var bounds = TimeBounds.of(range);
        String query;
        int bound;
        int limit;
        boolean descending;
        if (window instanceof History.Last last) {
            limit = requireRange("last", last.count(), 1, max);
            query = SELECT_MESSAGES + "m.seq > :bound order by m.seq desc";
            bound = 0;
            descending = true;
        } else if (window instanceof History.After after) {
            bound = requireRange("after", after.seq(), 0, Integer.MAX_VALUE);
            limit = validation.limits().pageSize("limit", after.limit());
            query = SELECT_MESSAGES + "m.seq > :bound order by m.seq";
            descending = false;
        } else {
            var before = (History.Before) window;
            bound = requireRange("before", before.seq(), 1, Integer.MAX_VALUE);
            limit = validation.limits().pageSize("limit", before.limit());
            query = SELECT_MESSAGES + "m.seq < :bound order by m.seq desc";
            descending = true;
        }
        return tx.read(em -> {
            JpaConversationStore.require(em, projectId, conversationId);
            List<Message> messages = new ArrayList<>(em.createQuery(query, Object[].class)
                    .setParameter("conversation", conversationId)
                    .setParameter("bound", bound)
                    .setParameter("since", bounds.since())
                    .setParameter("until", bounds.until())
                    .setMaxResults(limit)
                    .getResultStream()
                    .map(MessageEntity::read)
                    .toList());
            if (descending) {
                Collections.reverse(messages);
            }
            return messages;
        });
    }

    private static int requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
