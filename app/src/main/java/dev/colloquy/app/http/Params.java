package dev.colloquy.app.http;

import dev.colloquy.domain.Ids;
import dev.colloquy.domain.Limits;
import dev.colloquy.domain.Text;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Query parameters read by hand, so a malformed one is a 400 naming it (JAX-RS would answer 404
 * for a failed conversion) and an unknown one is refused rather than silently ignored.
 */
final class Params {

    private final MultivaluedMap<String, String> values;

    private Params(MultivaluedMap<String, String> values) {
        this.values = values;
    }

    static Params of(UriInfo uri, Set<String> allowed) {
        return of(uri, allowed, false);
    }

    /**
     * The query's parameters, refusing any other than {@code allowed}; with {@code metadata}, also
     * the metadata filters ({@link #metadataFilters()}).
     */
    static Params of(UriInfo uri, Set<String> allowed, boolean metadata) {
        var values = uri.getQueryParameters();
        for (String name : values.keySet()) {
            boolean filter =
                    metadata && (name.equals(METADATA) || metadataKey(name).isPresent());
            if (!allowed.contains(name) && !filter) {
                throw new ApiException(
                        Problem.VALIDATION,
                        "unknown query parameter '" + name + "'; known: "
                                + String.join(", ", new TreeSet<>(allowed))
                                + (metadata ? ", metadata (KEY=VALUE), meta[KEY] (or meta.KEY)" : ""),
                        name);
            }
        }
        return new Params(values);
    }

    /** The repeatable metadata filter parameter, each value {@code KEY=VALUE}. */
    static final String METADATA = "metadata";

    /**
     * The metadata filters of the query: every {@code metadata=KEY=VALUE} (the key runs to the
     * first {@code =}), then every {@code meta[KEY]=VALUE} and {@code meta.KEY=VALUE}.
     */
    Map<String, String> metadataFilters() {
        var filters = new LinkedHashMap<String, String>();
        for (String given : values.getOrDefault(METADATA, List.of())) {
            int equals = given.indexOf('=');
            if (equals < 1) {
                throw new ApiException(
                        Problem.VALIDATION, "'metadata' must be KEY=VALUE, was '" + abbreviate(given) + "'", METADATA);
            }
            filters.put(given.substring(0, equals), given.substring(equals + 1));
        }
        for (String name : values.keySet()) {
            var key = metadataKey(name);
            if (key.isPresent()) {
                filters.put(key.get(), text(name).orElse(""));
            }
        }
        return filters;
    }

    /** The metadata key a filter parameter names: {@code meta[KEY]} or {@code meta.KEY}. */
    static Optional<String> metadataKey(String name) {
        if (name.startsWith("meta[") && name.endsWith("]") && name.length() > 6) {
            return Optional.of(name.substring(5, name.length() - 1));
        }
        if (name.startsWith("meta.") && name.length() > 5) {
            return Optional.of(name.substring(5));
        }
        return Optional.empty();
    }

    MultivaluedMap<String, String> all() {
        return values;
    }

    Optional<String> text(String name) {
        List<String> given = values.get(name);
        if (given == null || given.isEmpty()) {
            return Optional.empty();
        }
        if (given.size() > 1) {
            throw new ApiException(Problem.VALIDATION, "give '" + name + "' once", name);
        }
        return Optional.of(given.get(0));
    }

    Optional<Integer> integer(String name) {
        return text(name).map(raw -> {
            try {
                return Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new ApiException(
                        Problem.VALIDATION,
                        "'" + name + "' must be a whole number, was '" + abbreviate(raw) + "'",
                        name);
            }
        });
    }

    /**
     * A page size: absent is 0 (the store's default page); given, it is checked by the limits'
     * one rule, so that a given 0 is refused rather than taken for "absent".
     */
    int pageSize(String name, Limits limits) {
        return integer(name).map(value -> limits.requirePageSize(name, value)).orElse(0);
    }

    Optional<Instant> instant(String name) {
        return text(name).map(raw -> {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw new ApiException(
                        Problem.VALIDATION,
                        "'" + name + "' must be an ISO-8601 UTC instant such as 2026-01-31T12:00:00Z, was '"
                                + abbreviate(raw) + "'",
                        name);
            }
        });
    }

    Optional<UUID> id(String name) {
        return text(name).map(raw -> Ids.parse(name, raw));
    }

    static String abbreviate(String raw) {
        return Text.abbreviate(raw);
    }
}
