package dev.colloquy.retention;

/** What a purge removed (or, for a dry run, would remove). */
public record PurgeResult(long conversations, long messages) {}
