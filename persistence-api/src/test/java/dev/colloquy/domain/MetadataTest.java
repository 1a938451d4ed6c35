package dev.colloquy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void numbersTakeOneCanonicalForm() {
        var metadata = Metadata.parse("m", "{\"a\":1.0E10,\"b\":5,\"c\":0.000010,\"d\":2.50,\"e\":-0.0}");

        assertThat(metadata.json()).isEqualTo("{\"a\":10000000000,\"b\":5,\"c\":1.0E-5,\"d\":2.5,\"e\":0}");
        assertThat(metadata)
                .isEqualTo(Metadata.parse("m", "{\"e\":0,\"d\":2.5,\"c\":1e-5,\"b\":5.0,\"a\":10000000000}"));
        assertThat(metadata.hashCode())
                .isEqualTo(Metadata.parse("m", metadata.json()).hashCode());
    }

    @Test
    void onlyObjectsOfValidJsonAreAccepted() {
        assertThat(Metadata.parse("m", "null")).isEqualTo(Metadata.EMPTY);
        assertThat(Metadata.EMPTY.isEmpty()).isTrue();
        assertThatThrownBy(() -> Metadata.parse("m", "[]")).hasMessage("m: must be a JSON object, was an array");
        assertThatThrownBy(() -> Metadata.parse("m", "1")).hasMessageContaining("a number");
        assertThatThrownBy(() -> Metadata.parse("m", "true")).hasMessageContaining("a boolean");
        assertThatThrownBy(() -> Metadata.parse("m", "{} {}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Metadata.parse("m", "{\"a\":1,\"a\":1}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Metadata.parse("m", "{\"a\":[\"\\u0000\"]}")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> Metadata.parse("m", "{\"a\":-1e999}")).hasMessageContaining("out of range");
    }

    @Test
    void treesAreCopiedNeverShared() {
        var metadata = Metadata.parse("m", "{\"a\":{\"b\":1}}");
        metadata.tree().put("x", 1);
        assertThat(metadata.json()).isEqualTo("{\"a\":{\"b\":1}}");
        assertThat(metadata.toString()).isEqualTo(metadata.json());
    }

    @Test
    void theConverterStoresCanonicalText() {
        var converter = new MetadataConverter();
        assertThat(converter.convertToDatabaseColumn(null)).isEqualTo("{}");
        assertThat(converter.convertToEntityAttribute(null)).isEqualTo(Metadata.EMPTY);
        assertThat(converter.convertToEntityAttribute("{ \"k\" : [1, 2.0] }").json())
                .isEqualTo("{\"k\":[1,2]}");
    }
}
