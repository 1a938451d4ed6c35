package dev.colloquy.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The export's JSON Lines format, version 4 (docs/export-format.md). The first line is {@code
 * {"format":"colloquy-export","version":4}}; every further line is one object whose {@code type}
 * is {@code project}, {@code tag}, {@code token}, {@code conversation} (with the names of its
 * tags), {@code message} or {@code idempotentRequest}, with the table's columns as camelCase
 * fields: ids as UUID text, instants as ISO-8601 UTC with milliseconds, metadata as a JSON object
 * with sorted keys. Version 3 is version 4 without a project's {@code semanticSearch} (read as
 * true); version 2 is version 3 without a conversation's {@code clientKey} and a message's {@code
 * extras}; version 1 is version 2 without {@code idempotentRequest} lines; all four are read.
 */
final class ExportFormat {

    static final String FORMAT = "colloquy-export";
    static final int VERSION = 4;
    /** The versions an import reads. */
    static final Set<Integer> READABLE = Set.of(1, 2, 3, 4);
    /** The fields version 3 added; a line of an earlier version has none of them, which reads as null. */
    static final Set<String> ADDED_IN_3 = Set.of("clientKey", "extras");
    /** The field version 4 added; a project of an earlier version has none, which reads as true. */
    static final String ADDED_IN_4 = "semanticSearch";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static final Map<String, Table> TYPES = Map.of(
            "project", Tables.PROJECT,
            "tag", Tables.TAG,
            "token", Tables.API_TOKEN,
            "conversation", Tables.CONVERSATION,
            "message", Tables.MESSAGE,
            "idempotentRequest", Tables.IDEMPOTENT_REQUEST);

    /** The line types, in the order an export writes them. */
    static final List<String> TYPE_ORDER =
            List.of("project", "tag", "token", "conversation", "message", "idempotentRequest");

    private ExportFormat() {}

    static String header() {
        ObjectNode header = NODES.objectNode();
        header.put("format", FORMAT);
        header.put("version", VERSION);
        return Canonical.write(header);
    }

    static String line(String type, Row row, Optional<List<String>> tags) {
        ObjectNode line = NODES.objectNode();
        line.put("type", type);
        Table table = row.table();
        for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            line.set(field(column.name()), json(column.kind(), row.values().get(i)));
            if (column.name().equals("metadata") && tags.isPresent()) {
                var names = NODES.arrayNode();
                tags.get().forEach(names::add);
                line.set("tags", names);
            }
        }
        return Canonical.write(line);
    }

    private static JsonNode json(Kind kind, Object value) {
        if (value instanceof Instant instant) {
            return NODES.textNode(INSTANT.format(instant));
        }
        return Canonical.value(kind, value);
    }

    /** {@code message_count} → {@code messageCount}. */
    static String field(String column) {
        var camel = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** A line back into a row: every field of the type present, no other, each of its column's type. */
    static Row row(Table table, ObjectNode line, Set<String> extraFields, int version) {
        var expected = new ArrayList<String>();
        expected.add("type");
        expected.addAll(extraFields);
        table.columns().forEach(c -> expected.add(field(c.name())));
        for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'; a "
                        + line.get("type").asText() + " has " + String.join(", ", expected));
            }
        }
        var values = new ArrayList<Object>();
        for (Column column : table.columns()) {
            String name = field(column.name());
            JsonNode node = line.get(name);
            if (node == null && version < 3 && ADDED_IN_3.contains(name)) {
                node = NODES.nullNode();
            }
            if (node == null && version < 4 && ADDED_IN_4.equals(name)) {
                node = NODES.booleanNode(true);
            }
            if (node == null) {
                throw new IllegalArgumentException("field '" + name + "' is missing");
            }
            values.add(value(name, column.kind(), node));
        }
        return new Row(table, values);
    }

    private static Object value(String name, Kind kind, JsonNode node) {
        if (node.isNull()) {
            if (kind.optional()) {
                return null;
            }
            throw new IllegalArgumentException("field '" + name + "' must not be null");
        }
        return switch (kind) {
            case ID -> {
                try {
                    yield UUID.fromString(text(name, node));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("field '" + name + "' is not a UUID");
                }
            }
            case TEXT, OPTIONAL_TEXT, ROLE, TAG_NAME, OPTIONAL_KEY -> text(name, node);
            case OPTIONAL_EXTRAS -> {
                if (!node.isObject()) {
                    throw new IllegalArgumentException("field '" + name + "' must be a JSON object or null");
                }
                yield Canonical.write(node);
            }
            case JSON_OBJECT -> {
                if (!node.isObject()) {
                    throw new IllegalArgumentException("field '" + name + "' must be a JSON object");
                }
                yield Canonical.write(node);
            }
            case INTEGER -> {
                if (!node.isInt()) {
                    throw new IllegalArgumentException("field '" + name + "' must be an integer");
                }
                yield node.intValue();
            }
            case LONG -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw new IllegalArgumentException("field '" + name + "' must be an integer");
                }
                yield node.longValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new IllegalArgumentException("field '" + name + "' must be true or false");
                }
                yield node.booleanValue();
            }
            case INSTANT, OPTIONAL_INSTANT -> {
                String text = text(name, node);
                try {
                    Instant instant = Instant.parse(text);
                    if (instant.getNano() % 1_000_000 != 0) {
                        throw new IllegalArgumentException(
                                "field '" + name + "' has a precision finer than milliseconds: " + text);
                    }
                    yield instant;
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            "field '" + name + "' is not an ISO-8601 UTC instant (like 2026-01-31T12:00:00.000Z)");
                }
            }
        };
    }

    private static String text(String name, JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string");
        }
        return node.textValue();
    }
}
