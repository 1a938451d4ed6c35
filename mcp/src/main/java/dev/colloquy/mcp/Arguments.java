package dev.colloquy.mcp;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/** A tool call's arguments, read strictly: a wrong type, an unknown name or a value out of range is refused. */
final class Arguments {

    private final String tool;
    private final Map<String, Object> values;

    Arguments(String tool, Map<String, Object> values, Set<String> known) {
        this.tool = tool;
        this.values = values == null ? Map.of() : values;
        for (String name : this.values.keySet()) {
            if (!known.contains(name)) {
                throw invalid(
                        name, "is not an argument of " + tool + "; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    Optional<String> text(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw invalid(name, "must be a string");
        }
        return Optional.of(text);
    }

    String requiredText(String name) {
        return text(name).orElseThrow(() -> invalid(name, "is required"));
    }

    /** A conversation key, by the service's rule, so that every transport refuses it alike. */
    String key(String name) {
        return optionalKey(name).orElseThrow(() -> invalid(name, "is required"));
    }

    /** A conversation key if one is given, by the same rule. */
    Optional<String> optionalKey(String name) {
        return text(name).map(key -> checkedKey(name, key));
    }

    private String checkedKey(String name, String key) {
        if (!KEY.matcher(key).matches() || key.chars().allMatch(c -> c == '.')) {
            throw invalid(
                    name,
                    "is not a key: 1 to 200 characters, each a letter A-Z or a-z, a digit or one of"
                            + " -._~:@!$&'()*+,=% (not dots only)");
        }
        return key;
    }

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~:@!$&'()*+,=%-]{1,200}");

    int integer(String name, int min, int max, int fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < min
                || number.doubleValue() > max) {
            throw invalid(name, "must be a whole number from " + min + " to " + max);
        }
        return number.intValue();
    }

    Optional<UUID> id(String name) {
        return text(name).map(text -> {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw invalid(name, "must be a conversation id (a UUID)");
            }
        });
    }

    Optional<Instant> instant(String name) {
        return text(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(name, "must be an instant such as 2026-01-31T12:00:00Z");
            }
        });
    }

    Map<String, String> stringMap(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(name, "must be an object of strings");
        }
        var result = new LinkedHashMap<String, String>();
        for (var entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw invalid(name + "." + entry.getKey(), "must be a string");
            }
            result.put(String.valueOf(entry.getKey()), text);
        }
        return result;
    }

    List<?> list(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(name, "must be an array");
        }
        return list;
    }

    MemoryException invalid(String name, String problem) {
        return new MemoryException(400, MemoryTools.INVALID, "'" + name + "' " + problem);
    }
}
