package dev.colloquy.search;

/**
 * Renders a parsed {@link SearchQuery} in one database's full-text query language. The result is
 * bound as a parameter of that backend's search query, never concatenated into SQL, and every word
 * in it is quoted, so no user input can be read as an operator.
 */
@FunctionalInterface
public interface SearchSyntax {

    /** Renders a query that is not {@link SearchQuery#isEmpty() empty}. */
    String render(SearchQuery query);
}
