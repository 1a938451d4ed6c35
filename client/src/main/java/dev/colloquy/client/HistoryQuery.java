package dev.colloquy.client;

import java.time.Instant;

/**
 * A window of a conversation's history: the last {@code n} messages, or up to {@code limit}
 * after or before a seq; optionally only the messages stored within [{@code since}, {@code until}).
 * Always chronological.
 */
public record HistoryQuery(Integer last, Integer after, Integer before, int limit, Instant since, Instant until) {

    public static HistoryQuery last(int n) {
        return new HistoryQuery(n, null, null, 0, null, null);
    }

    public static HistoryQuery after(int seq, int limit) {
        return new HistoryQuery(null, seq, null, limit, null, null);
    }

    public static HistoryQuery before(int seq, int limit) {
        return new HistoryQuery(null, null, seq, limit, null, null);
    }

    public HistoryQuery within(Instant from, Instant to) {
        return new HistoryQuery(last, after, before, limit, from, to);
    }
}
