package dev.colloquy.search;

import dev.colloquy.search.SearchQuery.Term;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Colloquy's ranking of search hits, computed in Java from the indexed text (the words {@link
 * SearchText#normalize} stored) so that every backend ranks the same matches the same way, to
 * the last bit: the databases only find the matches; neither one's scoring function (FTS5's bm25,
 * PostgreSQL's ts_rank) is used. docs/search.md describes it for users.
 *
 * <p>The score of a text for a query is its <em>relevance</em> plus its <em>proximity</em>:
 *
 * <ul>
 *   <li>relevance: for each required term (a word, a phrase or a prefix), its number of
 *       occurrences {@code tf} counted with saturation and length normalization as in BM25:
 *       {@code tf·(K1+1) / (tf + K1·(1 − B + B·words/REFERENCE_WORDS))}, summed over the terms.
 *       More occurrences score higher, each one less than the one before; a short text scores
 *       higher than a long one with the same occurrences. Every hit contains every required term
 *       (the query's words are all required), so a term's rarity cannot tell two hits apart and
 *       plays no part.
 *   <li>proximity, for a query of two or more terms: the words the terms need side by side divided
 *       by the words of the shortest stretch of text that holds one occurrence of each, so 1 when
 *       they stand next to each other and less the further apart they are.
 * </ul>
 *
 * Hits of equal score come newest first (ids are time-ordered), which is how recency counts.
 */
public final class Ranking {

    /**
     * At most this many matches of each kind (messages, titles) are ranked: the newest, by id. A
     * search that matched more says so ({@link SearchResults#capped}).
     */
    public static final int CANDIDATES = 1000;

    /** Term-frequency saturation, as BM25's usual k1. */
    static final double K1 = 1.2;

    /** How much a text's length weighs, as BM25's usual b. */
    static final double B = 0.75;

    /** The length, in words, of a text whose length neither helps nor hurts. */
    static final double REFERENCE_WORDS = 32;

    private Ranking() {}

    /** The score of the indexed text {@code searchText} for {@code query}: higher is better. */
    public static double score(SearchQuery query, String searchText) {
        List<Term> terms = query.required();
        if (terms.isEmpty()) {
            return 0;
        }
        int[] starts = starts(searchText);
        int words = starts.length - 1;
        double lengthFactor = 1 - B + B * words / REFERENCE_WORDS;
        double relevance = 0;
        int[][] occurrences = new int[terms.size()][];
        for (int t = 0; t < terms.size(); t++) {
            occurrences[t] = occurrences(terms.get(t), searchText, starts);
            int tf = occurrences[t].length;
            relevance += tf * (K1 + 1) / (tf + K1 * lengthFactor);
        }
        return relevance + (terms.size() < 2 ? 0 : proximity(terms, occurrences));
    }

    /**
     * Whether the indexed text {@code searchText} matches {@code query}: it holds every required
     * term and none of the excluded ones, word for word as both databases' full-text indexes match
     * it (words equal, a phrase's words adjacent and in order, a prefix's last word starting so).
     */
    public static boolean matches(SearchQuery query, String searchText) {
        if (query.isEmpty()) {
            return false;
        }
        for (Term term : query.required()) {
            if (!searchText.contains(term.words().get(0))) {
                return false; // most texts lack a word: told without finding their words
            }
        }
        int[] starts = starts(searchText);
        for (Term term : query.required()) {
            if (next(term, searchText, starts, 0) < 0) {
                return false;
            }
        }
        for (Term term : query.excluded()) {
            if (next(term, searchText, starts, 0) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the words of an indexed text (single spaces between them) start, and one more entry:
     * the text's length plus one, so that word {@code i} runs from {@code starts[i]} to {@code
     * starts[i + 1] - 1}. The words are compared in place, never cut out as strings: cutting them
     * out was most of the cost of ranking 1,000 texts.
     */
    static int[] starts(String searchText) {
        if (searchText.isEmpty()) {
            return new int[] {1};
        }
        int count = 1;
        for (int at = searchText.indexOf(' '); at >= 0; at = searchText.indexOf(' ', at + 1)) {
            count++;
        }
        int[] starts = new int[count + 1];
        int w = 1;
        for (int at = searchText.indexOf(' '); at >= 0; at = searchText.indexOf(' ', at + 1)) {
            starts[w++] = at + 1;
        }
        starts[count] = searchText.length() + 1;
        return starts;
    }

    /** Where {@code term} starts in the words of {@code searchText} ({@link #starts}), in order. */
    static int[] occurrences(Term term, String searchText, int[] starts) {
        int[] found = new int[Math.max(0, starts.length - term.words().size())];
        int count = 0;
        for (int at = next(term, searchText, starts, 0); at >= 0; at = next(term, searchText, starts, at + 1)) {
            found[count++] = at;
        }
        return Arrays.copyOf(found, count);
    }

    /** The first word from {@code from} on where {@code term} starts, or -1. */
    private static int next(Term term, String searchText, int[] starts, int from) {
        int words = starts.length - 1;
        for (int i = from; i + term.words().size() <= words; i++) {
            if (matchesAt(term.words(), term.prefix(), searchText, starts, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(List<String> phrase, boolean prefix, String text, int[] starts, int at) {
        int last = phrase.size() - 1;
        for (int j = 0; j <= last; j++) {
            String word = phrase.get(j);
            int start = starts[at + j];
            int length = starts[at + j + 1] - 1 - start;
            boolean fits = prefix && j == last ? length >= word.length() : length == word.length();
            if (!fits || !text.startsWith(word, start)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The words the terms need (the sum of their lengths) over the words of the shortest stretch
     * holding an occurrence of each; 0 when a term does not occur, at most 1.
     */
    static double proximity(List<Term> terms, int[][] occurrences) {
        int total = 0;
        int needed = 0;
        for (int t = 0; t < terms.size(); t++) {
            if (occurrences[t].length == 0) {
                return 0;
            }
            total += occurrences[t].length;
            needed += terms.get(t).words().size();
        }
        // Every occurrence as (start, end, term), by start; a window over them that holds every
        // term spans from its first start to its greatest end (a sliding maximum).
        long[] byStart = new long[total];
        int k = 0;
        for (int t = 0; t < terms.size(); t++) {
            for (int start : occurrences[t]) {
                byStart[k++] = ((long) start << 32) | t;
            }
        }
        Arrays.sort(byStart);
        int[] starts = new int[total];
        int[] ends = new int[total];
        int[] termOf = new int[total];
        for (int i = 0; i < total; i++) {
            starts[i] = (int) (byStart[i] >>> 32);
            termOf[i] = (int) byStart[i];
            ends[i] = starts[i] + terms.get(termOf[i]).words().size() - 1;
        }
        int[] inWindow = new int[terms.size()];
        int covered = 0;
        int shortest = Integer.MAX_VALUE;
        var greatestEnd = new ArrayDeque<Integer>(); // indexes in the window, ends decreasing
        int first = 0;
        for (int last = 0; last < total; last++) {
            if (inWindow[termOf[last]]++ == 0) {
                covered++;
            }
            while (!greatestEnd.isEmpty() && ends[greatestEnd.peekLast()] <= ends[last]) {
                greatestEnd.pollLast();
            }
            greatestEnd.addLast(last);
            while (covered == terms.size()) {
                shortest = Math.min(shortest, ends[greatestEnd.peekFirst()] - starts[first] + 1);
                if (--inWindow[termOf[first]] == 0) {
                    covered--;
                }
                if (greatestEnd.peekFirst() == first) {
                    greatestEnd.pollFirst();
                }
                first++;
            }
        }
        return Math.min(1.0, (double) needed / shortest);
    }
}
