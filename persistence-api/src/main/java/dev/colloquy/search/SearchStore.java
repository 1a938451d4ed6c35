package dev.colloquy.search;

import dev.colloquy.semantic.VectorModel;
import java.util.List;
import java.util.UUID;

/** Search over a project's messages: by their words, by their meaning, or both. */
public interface SearchStore {

    /**
     * The project's messages and conversation titles matching the request, best first by {@link
     * Ranking} (equal scores newest first), and whether the matches ranked were cut to the newest
     * {@value Ranking#CANDIDATES} of each kind. Any query text is accepted: at worst it finds nothing.
     */
    SearchResults find(UUID projectId, SearchRequest request);

    /**
     * The project's messages nearest in meaning to {@code query} (a unit vector of {@code model}),
     * among those with a vector of that model that pass the request's filters (its words are not
     * matched: the caller embedded them): by cosine similarity, highest first, equal similarities
     * newest first, at most the request's limit. Every message with a vector is compared: the
     * result is exact, never cut ({@code capped} false). Titles are not searched by meaning.
     */
    SearchResults similar(UUID projectId, SearchRequest request, VectorModel model, float[] query);

    /**
     * The request's words and {@code query}'s meaning together: {@link #find}'s ranked matches and
     * the {@value #HYBRID_DEPTH} messages most similar to {@code query}, fused by reciprocal rank
     * ({@link #fused}), best first, equal scores newest first, a message before a title. Each
     * message hit carries its similarity, when it has a vector. {@code capped} as {@link #find}'s.
     */
    SearchResults hybrid(UUID projectId, SearchRequest request, VectorModel model, float[] query);

    /** How many of the most similar messages a hybrid search fuses with the matches of its words. */
    int HYBRID_DEPTH = 1000;

    /** The constant k of reciprocal rank fusion: a hit's score is the sum of 1 / (k + rank). */
    int FUSION_K = 60;

    /**
     * A hybrid hit's score: the sum, over the two rankings that hold it (by words, by meaning), of
     * 1 / ({@value #FUSION_K} + its rank there), ranks counted from 1; 0 for a ranking's absence.
     */
    static double fused(int wordRank, int meaningRank) {
        double score = 0;
        if (wordRank > 0) {
            score += 1.0 / (FUSION_K + wordRank);
        }
        if (meaningRank > 0) {
            score += 1.0 / (FUSION_K + meaningRank);
        }
        return score;
    }

    /** The hits of {@link #find}. */
    default List<SearchHit> search(UUID projectId, SearchRequest request) {
        return find(projectId, request).hits();
    }
}
