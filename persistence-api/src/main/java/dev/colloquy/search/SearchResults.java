package dev.colloquy.search;

import java.util.List;

/**
 * The best hits of a search.
 *
 * @param hits best first
 * @param capped whether more than {@value Ranking#CANDIDATES} messages (or titles) matched, so
 *     that only the newest {@value Ranking#CANDIDATES} were ranked
 */
public record SearchResults(List<SearchHit> hits, boolean capped) {

    public SearchResults {
        hits = List.copyOf(hits);
    }
}
