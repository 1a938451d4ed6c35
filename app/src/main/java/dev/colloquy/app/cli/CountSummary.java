package dev.colloquy.app.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Row counts per kind for people: {@code 2 projects, 1 tag, ...}. */
final class CountSummary {

    private CountSummary() {}

    static String describe(Map<String, Long> counts) {
        return List.of("project", "tag", "token", "conversation", "message", "idempotentRequest").stream()
                .filter(counts::containsKey)
                .map(kind -> counts.get(kind) + " " + words(kind) + (counts.get(kind) == 1 ? "" : "s"))
                .collect(Collectors.joining(", "));
    }

    /** {@code idempotentRequest} → {@code idempotent request}. */
    private static String words(String kind) {
        return kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
