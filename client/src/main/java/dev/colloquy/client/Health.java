package dev.colloquy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A health answer: {@code UP} or {@code DOWN}, the backend, the schema version, and why when down. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Health(String status, String backend, String schemaVersion, String detail) {

    public boolean up() {
        return "UP".equals(status);
    }
}
