package dev.colloquy.search;

import java.util.List;
import java.util.UUID;

/** Full-text search over a project's messages. */
public interface SearchStore {

    /**
     * The project's messages and conversation titles matching the request, best first by {@link
     * Ranking} (equal scores newest first), and whether the matches ranked were cut to the newest
     * {@value Ranking#CANDIDATES} of each kind. Any query text is accepted: at worst it finds nothing.
     */
    SearchResults find(UUID projectId, SearchRequest request);

    /** The hits of {@link #find}. */
    default List<SearchHit> search(UUID projectId, SearchRequest request) {
        return find(projectId, request).hits();
    }
}
