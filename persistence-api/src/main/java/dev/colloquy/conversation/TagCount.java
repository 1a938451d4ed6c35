package dev.colloquy.conversation;

/** A tag and how many of the project's conversations carry it. */
public record TagCount(String name, long conversations) {}
