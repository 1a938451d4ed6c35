package dev.colloquy.project;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant: every conversation, tag and token belongs to exactly one project.
 *
 * @param semanticSearch whether its messages are embedded and searched by meaning (on unless the
 *     project opted out)
 */
public record Project(UUID id, String name, Instant createdAt, boolean semanticSearch) {}
