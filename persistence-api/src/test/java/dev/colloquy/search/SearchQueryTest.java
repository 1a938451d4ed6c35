package dev.colloquy.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.search.SearchQuery.Term;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

    private static Term word(String word) {
        return new Term(List.of(word), false);
    }

    @Test
    void wordsPhrasesExclusionsAndPrefixes() {
        var query = SearchQuery.parse("Lazy \"brown FOX\" -cat -\"black dog\" app* \"run fa\"*");

        assertThat(query.required())
                .containsExactly(
                        word("lazy"),
                        new Term(List.of("brown", "fox"), false),
                        new Term(List.of("app"), true),
                        new Term(List.of("run", "fa"), true));
        assertThat(query.excluded()).containsExactly(word("cat"), new Term(List.of("black", "dog"), false));
        assertThat(query.isEmpty()).isFalse();
    }

    @Test
    void punctuationInsideAWordMakesAPhrase() {
        assertThat(SearchQuery.parse("node.js").required()).containsExactly(new Term(List.of("node", "js"), false));
        assertThat(SearchQuery.parse("C++").required()).containsExactly(word("c"));
    }

    @Test
    void inputWithoutAWordToMatchIsEmpty() {
        for (String input : new String[] {null, "", "   ", "\"", "-", "-foo", "*", "🦄", "\"\"", "- -", "-\"a b\""}) {
            assertThat(SearchQuery.parse(input).isEmpty()).as("[%s]", input).isTrue();
        }
    }

    @Test
    void unterminatedQuotesRunToTheEnd() {
        assertThat(SearchQuery.parse("foo \"bar baz").required())
                .containsExactly(word("foo"), new Term(List.of("bar", "baz"), false));
        assertThat(SearchQuery.parse("foo\"").required()).containsExactly(word("foo"));
    }

    @Test
    void onlyTheFirstTermsAreUsed() {
        var query = SearchQuery.parse("w ".repeat(100));
        assertThat(query.required()).hasSize(SearchQuery.MAX_TERMS);
    }

    @Test
    void theLongestRequiredWordIsOneEveryMatchHolds() {
        assertThat(SearchQuery.parse("lazy dog").longestRequiredWord()).isEqualTo("lazy");
        assertThat(SearchQuery.parse("dog \"the lazy fox\" -elephants").longestRequiredWord())
                .as("a phrase's words count; an excluded word never does")
                .isEqualTo("lazy");
        assertThat(SearchQuery.parse("on applic*").longestRequiredWord())
                .as("a prefix is held by every word it matches")
                .isEqualTo("applic");
        assertThat(SearchQuery.parse("Café NODE.js").longestRequiredWord())
                .as("the words as indexed: folded")
                .isEqualTo("cafe");
        assertThat(SearchQuery.parse("-lazy").longestRequiredWord()).isEmpty();
    }
}
