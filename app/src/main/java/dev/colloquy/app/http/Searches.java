package dev.colloquy.app.http;

import dev.colloquy.app.metrics.ServiceMetrics;
import dev.colloquy.app.semantic.SemanticSearch;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.UnavailableException;
import dev.colloquy.embedding.EndpointEmbedder;
import dev.colloquy.persistence.Database;
import dev.colloquy.search.SearchRequest;
import dev.colloquy.search.SearchResults;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A search in one of its modes, as {@code GET /v1/search} and the MCP search tool run it. */
final class Searches {

    /** The modes, {@code keyword} the default. */
    static final Set<String> MODES = Set.of("keyword", "semantic", "hybrid");

    private Searches() {}

    /**
     * Runs {@code request} in {@code project} by {@code mode} ({@code keyword} when empty): a wrong
     * mode, a search by meaning with semantic search off or without a query, is invalid input
     * naming {@code field} or {@code q}; an embedding endpoint that fails makes it unavailable.
     */
    static SearchResults run(
            Database database,
            SemanticSearch semantic,
            ServiceMetrics metrics,
            UUID project,
            SearchRequest request,
            Optional<String> mode,
            String field,
            String queryField) {
        String chosen = mode.orElse("keyword");
        if (!MODES.contains(chosen)) {
            throw new InvalidInputException(field, "must be keyword, semantic or hybrid, was '" + chosen + "'");
        }
        if (chosen.equals("keyword")) {
            return metrics.timeSearch(() -> database.search().find(project, request));
        }
        var embedder = semantic.embedder()
                .orElseThrow(() -> new InvalidInputException(
                        field,
                        "semantic search is off on this server (SEMANTIC_SEARCH=off): only " + field + "=keyword"));
        if (request.query().isBlank()) {
            throw new InvalidInputException(
                    queryField, "is required for " + field + "=" + chosen + ": the text to search by meaning");
        }
        return metrics.timeSearch(() -> {
            float[] vector;
            try {
                vector = embedder.embed(request.query());
            } catch (EndpointEmbedder.EmbeddingException e) {
                throw new UnavailableException(
                        "search by meaning is unavailable: " + e.getMessage(), Duration.ofSeconds(5), e);
            }
            return chosen.equals("semantic")
                    ? database.search().similar(project, request, embedder.model(), vector)
                    : database.search().hybrid(project, request, embedder.model(), vector);
        });
    }
}
