package dev.colloquy.persistence;

/**
 * Told when a unit of work begins and ends (for tracing): the outermost one only, once for all its
 * attempts. What it sees: whether the work writes and how many attempts it took; never a
 * statement or a value.
 */
public interface WorkObserver {

    /** Nothing observed. */
    WorkObserver NONE = write -> (attempts, failure) -> {};

    /** A unit of work begins on the calling thread; the returned end is called on it once it is done. */
    End begin(boolean write);

    /** The end of one unit of work. */
    interface End {
        /** {@code failure} is what the unit of work threw, or null when it succeeded. */
        void end(int attempts, RuntimeException failure);
    }
}
