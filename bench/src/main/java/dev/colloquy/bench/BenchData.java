package dev.colloquy.bench;

import java.util.List;
import java.util.Random;

/**
 * Deterministic, realistic text: words drawn from a fixed vocabulary with a skewed (Zipf-like)
 * frequency, so that some words are common and most are rare, as in conversations.
 */
final class BenchData {

    /** The common English words of the vocabulary, all of them one word piece of the bundled model. */
    static final List<String> COMMON = List.of(
            "the",
            "a",
            "to",
            "and",
            "of",
            "is",
            "in",
            "it",
            "you",
            "that",
            "for",
            "on",
            "with",
            "this",
            "can",
            "please",
            "order",
            "account",
            "error",
            "payment",
            "refund",
            "deploy",
            "database",
            "invoice",
            "help");

    static final String[] VOCABULARY = vocabulary();

    private BenchData() {}

    private static String[] vocabulary() {
        String[] common = COMMON.toArray(String[]::new);
        var words = new String[2_000];
        System.arraycopy(common, 0, words, 0, common.length);
        var random = new Random(7);
        for (int i = common.length; i < words.length; i++) {
            var word = new StringBuilder();
            int length = 3 + random.nextInt(8);
            for (int c = 0; c < length; c++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString();
        }
        return words;
    }

    /** A message of 5 to 60 words (about 200 characters on average). */
    static String sentence(Random random) {
        int words = 5 + random.nextInt(56);
        var text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            // skewed: low indexes (common words) far more often
            double u = random.nextDouble();
            text.append(VOCABULARY[(int) (Math.pow(u, 3) * VOCABULARY.length)]);
        }
        return text.toString();
    }
}
