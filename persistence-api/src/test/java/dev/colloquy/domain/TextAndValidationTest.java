package dev.colloquy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextAndValidationTest {

    private final Validation validation = new Validation(Limits.DEFAULTS);

    @Test
    void utf8LengthCountsBytes() {
        assertThat(Text.utf8Bytes("aé€🦄")).isEqualTo(1 + 2 + 3 + 4);
        assertThat(Text.characters("a🦄")).isEqualTo(2);
        assertThat(Text.abbreviate("x".repeat(100))).hasSize(60).endsWith("...");
        assertThat(Text.abbreviate("a\0b")).isEqualTo("a\\u0000b");
        assertThat(Text.abbreviate(null)).isEqualTo("null");
    }

    @Test
    void storableTextHasNoNulAndNoUnpairedSurrogate() {
        Text.requireStorable("f", "fine 🦄");
        assertThatThrownBy(() -> Text.requireStorable("f", "a\0"))
                .hasMessage("f: contains a NUL character (U+0000) at index 1; NUL cannot be stored, remove it");
        assertThatThrownBy(() -> Text.requireStorable("f", "\uD83Dx"))
                .hasMessageContaining("unpaired surrogate at index 0");
        assertThatThrownBy(() -> Text.requireStorable("f", "x\uDC00")).hasMessageContaining("index 1");
        assertThatThrownBy(() -> Text.requireStorable("f", "end\uD83D")).hasMessageContaining("index 3");
    }

    @Test
    void tagsAreTrimmedLowerCasedAndDeduplicated() {
        assertThat(validation.tags("tags", List.of(" Work", "WORK", "İstanbul")))
                .containsExactly("i̇stanbul", "work");
        assertThatThrownBy(() -> validation.tag("tag", null)).hasMessageContaining("null");
    }

    @Test
    void limitsAreValidatedThemselves() {
        assertThatThrownBy(() -> new Limits(0, 1, 1, 1, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 1, 1, 1, 1, 5, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Limits.DEFAULTS.pageSize("limit", 0)).isEqualTo(50);
        assertThat(Limits.DEFAULTS.pageSize("limit", 1000)).isEqualTo(1000);
        assertThatThrownBy(() -> Limits.DEFAULTS.pageSize("limit", 1001))
                .hasMessage("limit: must be between 1 and 1000, was 1001");
    }

    @Test
    void contentAndTitleAndMetadataRules() {
        assertThat(validation.title("title", Optional.empty())).isEmpty();
        assertThat(validation.content("c", "")).isEmpty();
        assertThat(validation.metadata("m", null)).isEqualTo(Metadata.EMPTY);
        assertThatThrownBy(() -> validation.name("name", null)).hasMessage("name: is required");
    }

    @Test
    void rolesParseByWireName() {
        assertThat(Role.parse("role", "tool")).isEqualTo(Role.TOOL);
        assertThatThrownBy(() -> Role.parse("role", "USER"))
                .hasMessage("role: unknown role 'USER'; expected one of system, user, assistant, tool");
        assertThatThrownBy(() -> Role.parse("role", null)).isInstanceOf(InvalidInputException.class);
        var converter = new RoleConverter();
        assertThat(converter.convertToDatabaseColumn(Role.ASSISTANT)).isEqualTo("assistant");
        assertThat(converter.convertToEntityAttribute("system")).isEqualTo(Role.SYSTEM);
        assertThat(converter.convertToDatabaseColumn(null)).isNull();
        assertThat(converter.convertToEntityAttribute(null)).isNull();
    }
}
