package dev.colloquy.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.search.SearchQuery;
import org.junit.jupiter.api.Test;

class Fts5SyntaxTest {

    private final Fts5Syntax syntax = new Fts5Syntax();

    @Test
    void everyTermIsAQuotedStringJoinedByAndWithNotForExclusions() {
        assertThat(syntax.render(SearchQuery.parse("node.js \"lazy dog\" app* -draft -\"old copy\"")))
                .isEqualTo("(\"node js\" AND \"lazy dog\" AND \"app\"*) NOT \"draft\" NOT \"old copy\"");
    }

    @Test
    void operatorsAndColumnNamesInInputStayPlainWords() {
        assertThat(syntax.render(SearchQuery.parse("AND NEAR(title: x) -bar")))
                .isEqualTo("(\"and\" AND \"near title\" AND \"x\") NOT \"bar\"");
    }
}
