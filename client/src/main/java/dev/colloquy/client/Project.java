package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A project (a tenant); {@code semanticSearch}: whether its messages are embedded and searched by
 * meaning.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Project(UUID id, String name, Instant createdAt, boolean semanticSearch) {}
