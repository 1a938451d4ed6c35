package dev.colloquy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.persistence.spi.Backends;
import org.junit.jupiter.api.Test;

class NativeSqlTest {

    @Test
    void namedParametersBecomePositionalInOrderOfAppearanceRepeatsIncluded() {
        var sql = NativeSql.positional(
                "SELECT 1 WHERE a = :first AND (CAST(:tag AS text) = '' OR t = :tag) AND b::text = :last_one");
        assertThat(sql.sql()).isEqualTo("SELECT 1 WHERE a = ? AND (CAST(? AS text) = '' OR t = ?) AND b::text = ?");
        assertThat(sql.parameters()).containsExactly("first", "tag", "tag", "last_one");
    }

    @Test
    void readsEachBackendsQueryFromItsOwnMappingFile() {
        for (var backend : Backends.installed().all()) {
            var search = NativeSql.named(backend, "Message.search");
            assertThat(search.sql())
                    .as(backend.name())
                    .doesNotContain(":project")
                    .contains("LIMIT");
            assertThat(search.parameters()).as(backend.name()).contains("project", "query", "tag");
            assertThat(search.parameters().get(search.parameters().size() - 1)).isEqualTo("limit");
            assertThat(search.sql().chars().filter(c -> c == '?').count())
                    .as(backend.name())
                    .isEqualTo(search.parameters().size());
            assertThatThrownBy(() -> NativeSql.named(backend, "No.such"))
                    .hasMessageContaining("has no query named No.such");
        }
    }
}
