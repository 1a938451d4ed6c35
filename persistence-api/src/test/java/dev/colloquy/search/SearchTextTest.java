package dev.colloquy.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void foldsCaseDiacriticsCompatibilityFormsAndDigits() {
        assertThat(SearchText.normalize("Café CRÈME naïve")).isEqualTo("cafe creme naive");
        assertThat(SearchText.normalize("e\u0301te\u0301")).isEqualTo("ete");
        assertThat(SearchText.normalize("ﬁne ① ＡＢＣ")).isEqualTo("fine 1 abc");
        assertThat(SearchText.normalize("٣٤ and ३४")).isEqualTo("34 and 34");
    }

    @Test
    void everythingButLettersAndDigitsSeparatesWords() {
        assertThat(SearchText.normalize("node.js, C++ & user@example.com!")).isEqualTo("node js c user example com");
        assertThat(SearchText.normalize("snake_case-and\ttabs\nlines")).isEqualTo("snake case and tabs lines");
        assertThat(SearchText.normalize("🦄 emoji 🦄")).isEqualTo("emoji");
        assertThat(SearchText.normalize("  ")).isEmpty();
    }

    @Test
    void keepsScriptsWithoutSpacesAsOneWordPerRun() {
        assertThat(SearchText.normalize("日本語のテキスト")).isEqualTo("日本語のテキスト");
        assertThat(SearchText.normalize("مرحبا بالعالم")).isEqualTo("مرحبا بالعالم");
        assertThat(SearchText.normalize("zero\u200bwidth")).isEqualTo("zerowidth");
    }

    @Test
    void boundsWordLengthAndWordCount() {
        assertThat(SearchText.normalize("x".repeat(100))).hasSize(SearchText.MAX_WORD_LENGTH);
        String many = "w ".repeat(SearchText.MAX_WORDS + 10);
        assertThat(SearchText.words(many, Integer.MAX_VALUE)).hasSize(SearchText.MAX_WORDS + 10);
        assertThat(SearchText.normalize(many).split(" ")).hasSize(SearchText.MAX_WORDS);
    }
}
