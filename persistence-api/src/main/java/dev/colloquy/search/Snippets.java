package dev.colloquy.search;

import java.util.List;

/**
 * Cuts a snippet of a message around its first matching word. Computed in Java from the original
 * content, so both databases return the same snippet for the same hit.
 */
public final class Snippets {

    static final int BEFORE = 60;
    static final int AFTER = 140;

    private Snippets() {}

    public static String around(String content, SearchQuery query) {
        int match = firstMatch(content, query.terms());
        int start = Math.max(0, match - BEFORE);
        int end = Math.min(content.length(), Math.max(match, 0) + AFTER);
        if (start > 0) {
            int space = content.indexOf(' ', start);
            if (space >= 0 && space < match) {
                start = space + 1;
            }
        }
        if (end < content.length()) {
            int space = content.lastIndexOf(' ', end);
            if (space > Math.max(match, start)) {
                end = space;
            }
        }
        start = safeBoundary(content, start);
        end = safeBoundary(content, end);
        String body = content.substring(start, end).strip().replaceAll("\\s+", " ");
        return (start > 0 ? "…" : "") + body + (end < content.length() ? "…" : "");
    }

    /** The char index where the first word matching a term starts, or 0. */
    private static int firstMatch(String content, List<SearchQuery.Term> terms) {
        int i = 0;
        int n = content.length();
        while (i < n) {
            int cp = content.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                int next = content.codePointAt(i);
                int type = Character.getType(next);
                if (!Character.isLetterOrDigit(next)
                        && type != Character.NON_SPACING_MARK
                        && type != Character.COMBINING_SPACING_MARK) {
                    break;
                }
                i += Character.charCount(next);
            }
            List<String> words = SearchText.words(content.substring(start, i), 4);
            for (var term : terms) {
                if (!words.isEmpty() && matches(words.get(0), term)) {
                    return start;
                }
            }
        }
        return 0;
    }

    private static boolean matches(String word, SearchQuery.Term term) {
        String first = term.words().get(0);
        return term.words().size() == 1 && term.prefix() ? word.startsWith(first) : word.equals(first);
    }

    private static int safeBoundary(String content, int index) {
        if (index > 0 && index < content.length() && Character.isLowSurrogate(content.charAt(index))) {
            return index - 1;
        }
        return index;
    }
}
