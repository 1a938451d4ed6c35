package dev.colloquy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.persistence.spi.Backends;
import dev.colloquy.persistence.spi.NativeQuery;
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
    void takesEachBackendsOwnSql() {
        for (var backend : Backends.installed().all()) {
            var search = NativeSql.of(backend, NativeQuery.MESSAGE_SEARCH);
            assertThat(search.sql()).as(backend.name()).doesNotContain(":project");
            assertThat(search.parameters()).as(backend.name()).contains("project", "query", "tag");
            var list = NativeSql.of(backend, NativeQuery.CONVERSATION_LIST);
            assertThat(list.sql()).as(backend.name()).contains("LIMIT");
            assertThat(list.parameters().get(list.parameters().size() - 1)).isEqualTo("limit");
            assertThat(search.sql().chars().filter(c -> c == '?').count())
                    .as(backend.name())
                    .isEqualTo(search.parameters().size());
            assertThat(search.sql())
                    .as(backend.name())
                    .isNotEqualTo(
                            NativeSql.of(backend, NativeQuery.CONVERSATION_LIST).sql());
        }
    }
}
