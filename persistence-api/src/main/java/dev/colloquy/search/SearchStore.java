package dev.colloquy.search;

import java.util.List;
import java.util.UUID;

/** Full-text search over a project's messages. */
public interface SearchStore {

    /**
     * The project's messages matching the request, best first (ties by message id). Any query text
     * is accepted: at worst it finds nothing.
     */
    List<SearchHit> search(UUID projectId, SearchRequest request);
}
