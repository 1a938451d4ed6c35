package dev.colloquy.search;

import dev.colloquy.domain.Ids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * Gathers the newest {@value Ranking#CANDIDATES} matches of a search, by id, from a backend's rows,
 * and whether there were more ({@link SearchResults#capped}).
 *
 * <p>The rows need not come in id order. Each carries an <em>id ceiling</em>: no id of that row or
 * of any row after it is greater. A backend whose rows come newest first gives each row its own id;
 * one whose rows come in another order close to it (SQLite's full-text index returns them by
 * rowid) gives the greatest id stored up to that row. Reading stops as soon as the ceiling shows
 * that no later row can be among the newest, so a word in every message costs about as many rows
 * as are ranked, not as many as match.
 */
public final class NewestMatches {

    /** A match: its id and its indexed text. */
    public record Match(UUID id, String text) {}

    private static final Comparator<Match> OLDEST_FIRST = (a, b) -> Ids.compare(a.id(), b.id());

    /** One more than are ranked, to tell whether there were more. */
    private static final int KEPT = Ranking.CANDIDATES + 1;

    private final PriorityQueue<Match> newest = new PriorityQueue<>(KEPT + 1, OLDEST_FIRST);

    /**
     * Takes the next row read: the match's id, its indexed text and the row's id ceiling (null for
     * none); {@code matching} is the query the text must match when the rows were not narrowed to
     * matches by the backend (a text that does not match is passed over). Returns false, without
     * taking the row, once reading may stop.
     */
    public boolean offer(UUID id, String text, UUID ceiling, Optional<SearchQuery> matching) {
        if (complete(ceiling)) {
            return false;
        }
        if (matching.isEmpty() || Ranking.matches(matching.get(), text)) {
            add(id, text);
        }
        return true;
    }

    /**
     * Whether reading may stop before a row whose id ceiling is {@code ceiling}: enough matches are
     * kept and none of the rows left can be newer than the oldest of them. A row without a ceiling
     * (null) never stops the reading.
     */
    boolean complete(UUID ceiling) {
        return newest.size() == KEPT
                && ceiling != null
                && Ids.compare(ceiling, newest.peek().id()) <= 0;
    }

    /** Keeps the match if it is among the newest seen so far. */
    void add(UUID id, String text) {
        if (newest.size() < KEPT) {
            newest.add(new Match(id, text));
        } else if (Ids.compare(id, newest.peek().id()) > 0) {
            newest.poll();
            newest.add(new Match(id, text));
        }
    }

    /** Whether more matches were found than are ranked. */
    public boolean capped() {
        return newest.size() > Ranking.CANDIDATES;
    }

    /** The newest {@value Ranking#CANDIDATES} matches at most, newest first. */
    public List<Match> newestFirst() {
        var matches = new ArrayList<>(newest);
        matches.sort(OLDEST_FIRST.reversed());
        return matches.subList(0, Math.min(matches.size(), Ranking.CANDIDATES));
    }
}
