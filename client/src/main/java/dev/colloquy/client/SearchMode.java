package dev.colloquy.client;

import java.util.Locale;

/** How a search finds messages: by words (the default), by meaning, or both fused. */
public enum SearchMode {
    /** By words: the search syntax, ranked by relevance. */
    KEYWORD,
    /** By meaning: the messages nearest the query's vector (the server's semantic search on). */
    SEMANTIC,
    /** Both rankings fused by reciprocal rank. */
    HYBRID;

    /** The name the API uses: {@code keyword}, {@code semantic}, {@code hybrid}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
