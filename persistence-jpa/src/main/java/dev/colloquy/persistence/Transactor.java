package dev.colloquy.persistence;

import dev.colloquy.domain.ColloquyException;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.UnavailableException;
import dev.colloquy.persistence.spi.DatabaseBackend;
import dev.colloquy.persistence.spi.Failure;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.OptimisticLockException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that begins, commits, rolls back and closes. A unit of work runs in one
 * transaction; when the database reports a transient conflict (busy, serialization failure,
 * deadlock, a concurrent change of the same conversation) the whole unit runs again, a bounded
 * number of times with growing, jittered pauses, and never after it has been running for {@link
 * #RETRY_BUDGET}: a unit that waited that long for a lock is answered as unavailable instead of
 * waiting again. Other database errors are translated into the domain's exceptions here, so stores
 * never catch anything.
 *
 * <p>A unit of work started while another runs on the same thread joins it: it runs in the outer
 * transaction, which commits, rolls back and retries the whole, so a write made of two stores'
 * work (an idempotent append: the append and the answer kept for its key) is all or nothing.
 */
final class Transactor {

    private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);
    static final int MAX_ATTEMPTS = 10;
    /** No new attempt starts once a unit of work has been running this long, its waits included. */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(5);

    private final EntityManagerFactory factory;
    private final DatabaseBackend backend;
    /** The unit of work running on this thread, which a unit started inside it joins. */
    private final ThreadLocal<Running> running = new ThreadLocal<>();

    private record Running(EntityManager em, boolean write) {}

    /** Units of work run again, by what made them fail the first time (for metrics). */
    private final java.util.Map<String, java.util.concurrent.atomic.LongAdder> retries =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Waits for a pooled connection that ran out ({@link Failure#OVERLOADED}). */
    private final java.util.concurrent.atomic.LongAdder poolTimeouts = new java.util.concurrent.atomic.LongAdder();

    /** How many units of work were run again, by cause (a {@link Failure} name in lower case, or {@code optimistic_lock}). */
    java.util.Map<String, Long> retries() {
        var counts = new java.util.TreeMap<String, Long>();
        retries.forEach((cause, count) -> counts.put(cause, count.sum()));
        return counts;
    }

    long poolTimeouts() {
        return poolTimeouts.sum();
    }

    Transactor(EntityManagerFactory factory, DatabaseBackend backend) {
        this.factory = factory;
        this.backend = backend;
    }

    /** Runs a unit of work that only reads. */
    public <T> T read(Function<EntityManager, T> work) {
        return run(false, work);
    }

    /** Runs a unit of work that writes; it commits when the work returns and rolls back when it throws. */
    public <T> T write(Function<EntityManager, T> work) {
        return run(true, work);
    }

    /** Told of each outermost unit of work (tracing); none by default. */
    private volatile WorkObserver observer = WorkObserver.NONE;

    void observe(WorkObserver value) {
        this.observer = value == null ? WorkObserver.NONE : value;
    }

    private <T> T run(boolean write, Function<EntityManager, T> work) {
        Running outer = running.get();
        if (outer != null) {
            if (write && !outer.write()) {
                throw new IllegalStateException("a unit of work that writes cannot join one that only reads");
            }
            return work.apply(outer.em());
        }
        var end = observer.begin(write);
        int[] attempts = {0};
        try {
            T result = attempts(write, work, attempts);
            end.end(attempts[0], null);
            return result;
        } catch (RuntimeException e) {
            end.end(attempts[0], e);
            throw e;
        }
    }

    private <T> T attempts(boolean write, Function<EntityManager, T> work, int[] attempts) {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            attempts[0] = attempt;
            var committing = new boolean[1];
            try {
                return RoutingDataSource.writing(write, () -> once(write, work, committing));
            } catch (ColloquyException e) {
                throw e;
            } catch (RuntimeException e) {
                Failure failure = backend.classifyCause(e);
                boolean transientConflict = failure.isRetryable() || causedBy(e, OptimisticLockException.class);
                // A lost connection is retried (on a new one from the pool) unless a write was
                // committing: then it may have been committed, and running it again could store it twice.
                boolean lostConnection =
                        (failure == Failure.CONNECTION || e instanceof SwallowedFailure) && (!write || !committing[0]);
                boolean inBudget = System.nanoTime() - started < RETRY_BUDGET.toNanos();
                if (failure == Failure.OVERLOADED) {
                    poolTimeouts.increment();
                }
                if ((transientConflict || lostConnection) && attempt < MAX_ATTEMPTS && inBudget) {
                    String cause = failure == Failure.OTHER && causedBy(e, OptimisticLockException.class)
                            ? "optimistic_lock"
                            : failure.name().toLowerCase(java.util.Locale.ROOT);
                    retries.computeIfAbsent(cause, c -> new java.util.concurrent.atomic.LongAdder())
                            .increment();
                    LOG.debug(
                            "attempt {} met a transient conflict ({}); running the unit of work again",
                            attempt,
                            failure);
                    pause(attempt);
                    continue;
                }
                if (failure == Failure.CONNECTION && write && committing[0]) {
                    throw new UnavailableException(
                            "the connection to the database failed while committing;"
                                    + " the change may or may not have been stored",
                            UNAVAILABLE_RETRY_AFTER,
                            e);
                }
                throw translate(e, failure, transientConflict, attempt);
            }
        }
    }

    private <T> T once(boolean write, Function<EntityManager, T> work, boolean[] committing) {
        EntityManager em = factory.createEntityManager();
        try {
            if (!write) {
                // Nothing to write: no flush before each query, none before the commit.
                em.setFlushMode(FlushModeType.COMMIT);
            }
            var tx = em.getTransaction();
            tx.begin();
            running.set(new Running(em, write));
            try {
                T result;
                try {
                    result = work.apply(em);
                } catch (ColloquyException e) {
                    if (tx.getRollbackOnly()) {
                        // The domain's answer rests on a database failure that Hibernate swallowed.
                        throw new SwallowedFailure(e);
                    }
                    throw e;
                }
                if (tx.getRollbackOnly()) {
                    throw new SwallowedFailure(null);
                }
                if (write) {
                    em.flush();
                }
                committing[0] = true;
                tx.commit();
                return result;
            } catch (RuntimeException | Error e) {
                if (tx.isActive()) {
                    try {
                        tx.rollback();
                    } catch (RuntimeException rollbackFailure) {
                        e.addSuppressed(rollbackFailure);
                    }
                }
                throw e;
            } finally {
                running.remove();
            }
        } finally {
            em.close();
        }
    }

    /** A unit of work whose transaction a database failure marked for rollback without an exception. */
    private static final class SwallowedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SwallowedFailure(Throwable cause) {
            super("a database error interrupted the unit of work", cause);
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static RuntimeException translate(
            RuntimeException error, Failure failure, boolean transientConflict, int attempts) {
        return switch (failure) {
            case UNIQUE_VIOLATION -> new ConflictException("the change conflicts with existing data", error);
            case FOREIGN_KEY_VIOLATION ->
                new ConflictException("the change refers to data that no longer exists", error);
            case BUSY, SERIALIZATION ->
                new UnavailableException(
                        "the database stayed busy (locked, or in conflict with other changes) through " + attempts
                                + (attempts == 1 ? " attempt" : " attempts") + "; nothing was stored; try again",
                        BUSY_RETRY_AFTER,
                        error);
            case OVERLOADED ->
                new UnavailableException(
                        "every database connection stayed in use for the pool's wait (DB_POOL_CONNECT_TIMEOUT):"
                                + " the server has more work than connections; nothing was stored; try again",
                        BUSY_RETRY_AFTER,
                        error);
            case READ_ONLY ->
                new UnavailableException(
                        "the database is read-only: it refuses every write; nothing was stored",
                        UNAVAILABLE_RETRY_AFTER,
                        error);
            case TIMEOUT ->
                new UnavailableException(
                        "the database stopped a statement that ran longer than its statement timeout;"
                                + " nothing was stored",
                        UNAVAILABLE_RETRY_AFTER,
                        error);
            case STORAGE ->
                new UnavailableException(
                        "the database could not write to its storage (the disk is full, or an I/O error);"
                                + " nothing was stored; reads go on",
                        UNAVAILABLE_RETRY_AFTER,
                        error);
            case CONNECTION, AUTHENTICATION, MISSING_DATABASE ->
                new UnavailableException(
                        "the database is unavailable: " + failure.name().toLowerCase(Locale.ROOT),
                        UNAVAILABLE_RETRY_AFTER,
                        error);
            case OTHER ->
                transientConflict
                        ? new ConflictException("the object was changed concurrently too often; try again", error)
                        : error;
        };
    }

    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    private static void pause(int attempt) {
        long ceiling = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting to retry", BUSY_RETRY_AFTER, e);
        }
    }
}
