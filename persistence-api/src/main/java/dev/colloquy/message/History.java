package dev.colloquy.message;

/** Which messages of a conversation to read; every window is returned in chronological order. */
public sealed interface History {

    /** The last {@code count} messages. */
    record Last(int count) implements History {}

    /** Up to {@code limit} messages with seq greater than {@code seq}. */
    record After(int seq, int limit) implements History {}

    /** Up to {@code limit} messages with seq less than {@code seq}, the closest ones. */
    record Before(int seq, int limit) implements History {}

    static History last(int count) {
        return new Last(count);
    }

    static History after(int seq, int limit) {
        return new After(seq, limit);
    }

    static History before(int seq, int limit) {
        return new Before(seq, limit);
    }
}
