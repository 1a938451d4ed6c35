package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The hits of a search, best first, and whether only the newest matches were ranked. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchResults(List<SearchHit> items, boolean capped) {}
