package dev.colloquy.project;

import java.time.Instant;
import java.util.UUID;

/** A tenant: every conversation, tag and token belongs to exactly one project. */
public record Project(UUID id, String name, Instant createdAt) {}
