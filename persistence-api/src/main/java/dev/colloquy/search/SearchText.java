package dev.colloquy.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one text normalization for full-text search, applied in Java to what is indexed and to what
 * is searched, so both databases' tokenizers see the same plain words: lower-cased ({@link
 * Locale#ROOT}), compatibility-decomposed with diacritics removed, decimal digits of every script
 * as ASCII digits, and every character that is not a letter or a digit a separator.
 *
 * <p>Bounds shared by both databases: a word longer than {@value #MAX_WORD_LENGTH} characters is
 * cut to that length, and only the first {@value #MAX_WORDS} words of a text are indexed
 * (one of the databases records no word position past 16,383, and its indexed form of a text
 * holds at most 1 MB).
 */
public final class SearchText {

    public static final int MAX_WORD_LENGTH = 40;
    public static final int MAX_WORDS = 16_000;

    private SearchText() {}

    /** The words of {@code text} joined by single spaces, as stored for indexing. */
    public static String normalize(String text) {
        return String.join(" ", words(text, MAX_WORDS));
    }

    /** The normalized words of {@code text}, at most {@code limit} of them. */
    public static List<String> words(String text, int limit) {
        String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        int wordLength = 0;
        for (int i = 0; i < folded.length() && words.size() < limit; ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK
                    || type == Character.FORMAT) {
                continue; // diacritics and invisible formatting join the letters around them
            }
            if (isWordCharacter(type)) {
                if (wordLength < MAX_WORD_LENGTH) {
                    if (type == Character.DECIMAL_DIGIT_NUMBER) {
                        word.append((char) ('0' + Character.digit(cp, 10)));
                    } else {
                        word.appendCodePoint(Character.toLowerCase(cp));
                    }
                    wordLength++;
                }
            } else if (wordLength > 0) {
                words.add(word.toString());
                word.setLength(0);
                wordLength = 0;
            }
        }
        if (wordLength > 0 && words.size() < limit) {
            words.add(word.toString());
        }
        return words;
    }

    private static boolean isWordCharacter(int type) {
        return switch (type) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER -> true;
            default -> false;
        };
    }
}
