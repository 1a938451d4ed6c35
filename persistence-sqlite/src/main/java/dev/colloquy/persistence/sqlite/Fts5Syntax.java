package dev.colloquy.persistence.sqlite;

import dev.colloquy.search.SearchQuery;
import dev.colloquy.search.SearchSyntax;
import java.util.stream.Collectors;

/**
 * Renders a query as an FTS5 expression. Every term is a quoted string (a phrase when it has
 * several words), so FTS5 never reads user input as an operator, a column name or a bracket:
 * {@code "node js" AND "app"* NOT "draft"}.
 */
final class Fts5Syntax implements SearchSyntax {

    @Override
    public String render(SearchQuery query) {
        String required = query.required().stream().map(Fts5Syntax::term).collect(Collectors.joining(" AND "));
        var expression = new StringBuilder("(").append(required).append(')');
        query.excluded().forEach(term -> expression.append(" NOT ").append(term(term)));
        return expression.toString();
    }

    private static String term(SearchQuery.Term term) {
        String phrase = String.join(" ", term.words()).replace("\"", "\"\"");
        return '"' + phrase + '"' + (term.prefix() ? "*" : "");
    }
}
