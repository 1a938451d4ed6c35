package dev.colloquy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingTest {

    private static double score(String query, String text) {
        return Ranking.score(SearchQuery.parse(query), SearchText.normalize(text));
    }

    @Test
    void oneWordIsBm25sTermPartWithAReferenceLengthOf32Words() {
        // tf 1 in 1 word: 2.2 / (1 + 1.2 * (0.25 + 0.75 / 32))
        assertThat(score("kiwi", "kiwi")).isCloseTo(2.2 / (1 + 1.2 * (0.25 + 0.75 / 32)), within(1e-12));
        // tf 2 in 32 words: 4.4 / (2 + 1.2)
        assertThat(score("kiwi", "kiwi kiwi" + " x".repeat(30))).isCloseTo(4.4 / 3.2, within(1e-12));
        assertThat(score("kiwi", "mango")).isZero();
    }

    @Test
    void occurrencesSaturate() {
        double one = score("kiwi", "kiwi a b c");
        double two = score("kiwi", "kiwi kiwi b c");
        double three = score("kiwi", "kiwi kiwi kiwi c");
        assertThat(two).isGreaterThan(one);
        assertThat(three).isGreaterThan(two);
        assertThat(three - two).isLessThan(two - one);
        assertThat(score("kiwi", "kiwi ".repeat(1000))).isLessThan(2.2);
    }

    @Test
    void proximityIsTheWordsNeededOverTheShortestStretchHoldingEveryTerm() {
        String adjacent = "x lazy dog x x";
        String apart = "lazy x x x dog";
        // Relevance is the same (same words, same length); proximity 1 and 2/5.
        assertThat(score("lazy dog", adjacent) - score("lazy dog", apart)).isCloseTo(1 - 0.4, within(1e-12));
        // The shortest stretch, not the first one: "dog x lazy" spans 3.
        assertThat(score("lazy dog", "lazy x x x x dog x lazy") - score("lazy dog", "lazy x x x x dog x x"))
                .isGreaterThan(0.5);
        // A phrase needs its own words: "lazy dog" and "fox" side by side need 3 words in 3.
        assertThat(Ranking.proximity(SearchQuery.parse("\"lazy dog\" fox").required(), new int[][] {{1}, {3}}))
                .isEqualTo(1.0);
        // A term that does not occur gives no proximity.
        assertThat(Ranking.proximity(SearchQuery.parse("a b").required(), new int[][] {{1}, {}}))
                .isZero();
    }

    @Test
    void phrasesAndPrefixesCountTheirOccurrences() {
        String text = SearchText.normalize("the lazy dog met a lazy cat and the lazy dog slept");
        assertThat(Ranking.occurrences(
                        SearchQuery.parse("\"lazy dog\"").required().get(0), text, Ranking.starts(text)))
                .containsExactly(1, 9);
        assertThat(Ranking.occurrences(SearchQuery.parse("la*").required().get(0), text, Ranking.starts(text)))
                .containsExactly(1, 5, 9);
        assertThat(Ranking.occurrences(
                        SearchQuery.parse("\"lazy c\"*").required().get(0), text, Ranking.starts(text)))
                .containsExactly(5);
        assertThat(score("\"lazy dog\"", text)).isGreaterThan(score("\"lazy cat\"", text));
    }

    @Test
    void theSameInputsGiveTheSameBits() {
        String text = SearchText.normalize("Café au lait, s'il vous plaît; CAFÉ crème, naïve façade");
        assertThat(Double.doubleToRawLongBits(score("cafe \"naive facade\"", text)))
                .isEqualTo(Double.doubleToRawLongBits(score("cafe \"naive facade\"", text)));
        assertThat(score("anything", "")).isZero();
        assertThat(Ranking.score(SearchQuery.parse(""), "text")).isZero();
    }

    private static boolean matches(String query, String text) {
        return Ranking.matches(SearchQuery.parse(query), SearchText.normalize(text));
    }

    @Test
    void matchesAsTheFullTextIndexesDo() {
        assertThat(matches("lazy dog", "The dog is lazy")).isTrue();
        assertThat(matches("lazy dog", "The lazy cat")).isFalse();
        assertThat(matches("\"lazy dog\"", "a lazy dog")).isTrue();
        assertThat(matches("\"lazy dog\"", "the dog is lazy")).isFalse();
        assertThat(matches("app*", "Applications")).isTrue();
        assertThat(matches("app*", "an ap")).isFalse();
        assertThat(matches("\"lazy do\"*", "a lazy dogma")).isTrue();
        assertThat(matches("\"lazy do\"*", "a lazy cat does")).isFalse();
        assertThat(matches("dog -cat", "dog and bird")).isTrue();
        assertThat(matches("dog -cat", "dog and cat")).isFalse();
        assertThat(matches("dog -\"black cat\"", "black dog, white cat")).isTrue();
        assertThat(matches("dog -\"black cat\"", "a dog and a black cat")).isFalse();
        assertThat(matches("cafe", "Café crème")).isTrue();
        assertThat(matches("-cat", "dog")).as("only exclusions find nothing").isFalse();
        assertThat(matches("dog", "")).isFalse();
    }

    @Test
    void findsTheWordsOfAnIndexedTextAsSplitDoes() {
        for (String text : new String[] {"", "one", "one two", "a b c d e", "ab cd"}) {
            int[] starts = Ranking.starts(text);
            var words = new String[starts.length - 1];
            for (int i = 0; i < words.length; i++) {
                words[i] = text.substring(starts[i], starts[i + 1] - 1);
            }
            assertThat(words).as(text).containsExactly(text.isEmpty() ? new String[0] : text.split(" "));
        }
    }
}
