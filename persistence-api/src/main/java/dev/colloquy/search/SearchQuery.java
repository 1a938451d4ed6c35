package dev.colloquy.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's search, parsed once in Java and rendered for each database by its {@link
 * SearchSyntax}. Syntax: words (all must match), {@code "quoted phrases"}, {@code -excluded} words
 * or phrases, and a trailing {@code *} for a prefix. Any other character only separates words, so
 * no input is a syntax error; an input without a word to match finds nothing.
 *
 * @param required terms every hit contains
 * @param excluded terms no hit contains
 */
public record SearchQuery(List<Term> required, List<Term> excluded) {

    /** At most this many terms are used; further terms are ignored. */
    public static final int MAX_TERMS = 32;

    /**
     * One term: a single word or a phrase of adjacent words, already normalized.
     *
     * @param words the words, in order; never empty
     * @param prefix whether the last word matches as a prefix
     */
    public record Term(List<String> words, boolean prefix) {
        public Term {
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a term has at least one word");
            }
        }
    }

    public SearchQuery {
        required = List.copyOf(required);
        excluded = List.copyOf(excluded);
    }

    /** Whether the query can match anything at all. */
    public boolean isEmpty() {
        return required.isEmpty();
    }

    /**
     * The longest word of the required terms ({@code ""} when there are none): every text the
     * query matches holds it as a substring (a word, a phrase's word, the start of a prefix's), so
     * a reader may leave out the texts without it before matching them. A longer word is, as a
     * rule, found in fewer texts.
     */
    public String longestRequiredWord() {
        String longest = "";
        for (Term term : required) {
            for (String word : term.words()) {
                if (word.length() > longest.length()) {
                    longest = word;
                }
            }
        }
        return longest;
    }

    /** All words of the required terms, for finding a snippet. */
    public List<Term> terms() {
        return required;
    }

    public static SearchQuery parse(String input) {
        var required = new ArrayList<Term>();
        var excluded = new ArrayList<Term>();
        String text = input == null ? "" : input;
        int i = 0;
        int n = text.length();
        while (i < n && required.size() + excluded.size() < MAX_TERMS) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = false;
            if (c == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
                negated = true;
                i++;
                c = text.charAt(i);
            }
            String raw;
            boolean prefix;
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                raw = text.substring(i + 1, end);
                i = close < 0 ? n : close + 1;
                prefix = i < n && text.charAt(i) == '*';
                if (prefix) {
                    i++;
                }
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"') {
                    i++;
                }
                raw = text.substring(start, i);
                prefix = raw.endsWith("*");
            }
            List<String> words = SearchText.words(raw, SearchText.MAX_WORDS);
            if (!words.isEmpty()) {
                (negated ? excluded : required).add(new Term(words, prefix));
            }
        }
        return new SearchQuery(required, excluded);
    }
}
