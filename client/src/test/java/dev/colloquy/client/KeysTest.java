package dev.colloquy.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeysTest {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~:@!$&'()*+,=%-]{1,200}");

    @Test
    void everyIdMakesAValidKeyAndComesBackExactly() {
        for (String id : List.of(
                "default",
                "user-42",
                "user/42",
                "a b",
                "50%",
                "%41",
                "日本語",
                "emoji 😀",
                ".",
                "..",
                "...",
                "a.b",
                "semi;colon",
                "q?x#y",
                "tab\tnew\nline",
                "quote\"back\\slash",
                "UPPER lower",
                "x".repeat(200))) {
            String key = Keys.of(id);
            assertThat(KEY.matcher(key).matches()).as("%s -> %s", id, key).isTrue();
            assertThat(key.chars().allMatch(c -> c == '.')).as(key).isFalse();
            assertThat(Keys.id(key)).as(key).isEqualTo(id);
        }
        assertThat(Keys.of("user@example.com")).isEqualTo("user@example.com");
        assertThat(Keys.of("user/42")).isEqualTo("user%2F42");
        assertThat(Keys.of("50%")).isEqualTo("50%25");
        assertThat(Keys.of("..")).isEqualTo("%2E%2E");
        assertThat(Keys.of("é")).isEqualTo("%C3%A9");
    }

    @Test
    void anEmptyIdOrOneTooLongHasNoKey() {
        assertThatThrownBy(() -> Keys.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.of("x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 200");
        assertThatThrownBy(() -> Keys.of("é".repeat(34))).isInstanceOf(IllegalArgumentException.class);
    }
}
