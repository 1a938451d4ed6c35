package dev.colloquy.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.search.SearchQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsQuerySyntaxTest {

    private final TsQuerySyntax syntax = new TsQuerySyntax();

    @Test
    void wordsAreQuotedLexemesPhrasesFollowEachOtherAndPrefixesStar() {
        assertThat(syntax.render(SearchQuery.parse("node.js \"lazy dog\" app* -draft -\"old copy\"")))
                .isEqualTo("('node' <-> 'js') & ('lazy' <-> 'dog') & ('app':*) & !('draft') & !('old' <-> 'copy')");
    }

    @Test
    void quotesAndBackslashesInsideALexemeAreEscaped() {
        var query = new SearchQuery(List.of(new SearchQuery.Term(List.of("it's", "a\\b"), false)), List.of());
        assertThat(syntax.render(query)).isEqualTo("('it''s' <-> 'a\\\\b')");
    }
}
