package dev.colloquy.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void shortContentIsTheWholeSnippet() {
        assertThat(Snippets.around("Hello lazy world", SearchQuery.parse("lazy")))
                .isEqualTo("Hello lazy world");
    }

    @Test
    void longContentIsCutAroundTheFirstMatchOnWordBoundaries() {
        String content = "alpha ".repeat(50) + "Needle in the haystack " + "omega ".repeat(50);
        String snippet = Snippets.around(content, SearchQuery.parse("needle"));

        assertThat(snippet)
                .startsWith("…alpha")
                .contains("Needle in the haystack")
                .endsWith("omega…");
        assertThat(snippet.length()).isLessThanOrEqualTo(Snippets.BEFORE + Snippets.AFTER + 2);
    }

    @Test
    void prefixesAndFoldedFormsFindTheirMatch() {
        String content = "x ".repeat(100) + "Café society " + "y ".repeat(100);
        assertThat(Snippets.around(content, SearchQuery.parse("caf*"))).contains("Café society");
        assertThat(Snippets.around(content, SearchQuery.parse("cafe"))).contains("Café society");
    }

    @Test
    void noVisibleMatchStartsAtTheBeginningAndNeverSplitsASurrogatePair() {
        String content = "🦄".repeat(200);
        String snippet = Snippets.around(content, SearchQuery.parse("zebra"));
        assertThat(snippet).startsWith("🦄").endsWith("…");
        assertThat(snippet.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF))
                .isEmpty();
    }
}
