package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A tag in use and how many conversations carry it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TagCount(String name, long conversations) {}
