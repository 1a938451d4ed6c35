package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** A project (a tenant). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Project(UUID id, String name, Instant createdAt) {}
