package dev.colloquy.retention;

/** Row counts for monitoring. */
public record Counts(long projects, long conversations, long messages, long tokens) {}
