package dev.colloquy.persistence.postgres;

import dev.colloquy.search.SearchQuery;
import dev.colloquy.search.SearchSyntax;
import java.util.stream.Collectors;

/**
 * Renders a query as a tsquery for {@code to_tsquery('simple', ...)}. Every word is a quoted
 * lexeme, phrases use {@code <->}, prefixes {@code :*}: {@code ('node' <-> 'js') & ('app':*) &
 * !('draft')}. ({@code websearch_to_tsquery} would accept any input too, but has no prefix search.)
 */
final class TsQuerySyntax implements SearchSyntax {

    @Override
    public String render(SearchQuery query) {
        String required = query.required().stream().map(TsQuerySyntax::term).collect(Collectors.joining(" & "));
        var expression = new StringBuilder(required);
        query.excluded().forEach(term -> expression.append(" & !").append(term(term)));
        return expression.toString();
    }

    private static String term(SearchQuery.Term term) {
        var words = term.words();
        var rendered = new StringBuilder("(");
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                rendered.append(" <-> ");
            }
            rendered.append('\'')
                    .append(words.get(i).replace("\\", "\\\\").replace("'", "''"))
                    .append('\'');
        }
        if (term.prefix()) {
            rendered.append(":*");
        }
        return rendered.append(')').toString();
    }
}
