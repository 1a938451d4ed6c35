package dev.colloquy.transfer;

import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Limits;
import dev.colloquy.domain.Metadata;
import dev.colloquy.domain.Role;
import dev.colloquy.domain.Text;
import dev.colloquy.domain.Validation;
import dev.colloquy.message.StoredExtras;
import dev.colloquy.persistence.spi.ColumnCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The type of a column as the transfer sees it: how it is read and bound through JDBC, and which
 * values the domain accepts. Only ids and instants differ between databases; the {@link
 * ColumnCodec} of each side handles those.
 */
enum Kind {
    ID,
    TEXT,
    OPTIONAL_TEXT,
    /** A conversation's metadata: JSON text holding an object. */
    JSON_OBJECT,
    ROLE,
    /** A conversation's key (or none): the domain's key rules. */
    OPTIONAL_KEY,
    /** A message's extras (or none): JSON text holding an object, as {@link StoredExtras} reads it. */
    OPTIONAL_EXTRAS,
    /** A tag: lower-cased, never empty. */
    TAG_NAME,
    INTEGER,
    LONG,
    BOOLEAN,
    INSTANT,
    OPTIONAL_INSTANT;

    private static final Validation KEYS = new Validation(Limits.DEFAULTS);

    /** The earliest and latest instants the domain accepts: years 1 to 9999, as ISO-8601 writes them. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    Object read(ResultSet rows, int index, ColumnCodec codec) throws SQLException {
        return switch (this) {
            case ID -> codec.getId(rows, index);
            case TEXT, OPTIONAL_TEXT, JSON_OBJECT, ROLE, TAG_NAME, OPTIONAL_KEY, OPTIONAL_EXTRAS ->
                rows.getString(index);
            case INTEGER -> {
                int value = rows.getInt(index);
                yield rows.wasNull() ? null : value;
            }
            case LONG -> {
                long value = rows.getLong(index);
                yield rows.wasNull() ? null : value;
            }
            case BOOLEAN -> {
                boolean value = rows.getBoolean(index);
                yield rows.wasNull() ? null : value;
            }
            case INSTANT, OPTIONAL_INSTANT -> codec.getInstant(rows, index);
        };
    }

    void bind(PreparedStatement statement, int index, Object value, ColumnCodec codec) throws SQLException {
        switch (this) {
            case ID -> codec.setId(statement, index, (UUID) value);
            case TEXT, ROLE, TAG_NAME -> statement.setString(index, (String) value);
            case OPTIONAL_TEXT, OPTIONAL_KEY -> {
                if (value == null) {
                    statement.setNull(index, Types.VARCHAR);
                } else {
                    statement.setString(index, (String) value);
                }
            }
            // The canonical text, as the application itself writes it.
            case JSON_OBJECT ->
                statement.setString(
                        index, Metadata.parse("metadata", (String) value).json());
            case OPTIONAL_EXTRAS -> {
                String json = value == null
                        ? null
                        : StoredExtras.parse("extras", (String) value).json();
                if (json == null) {
                    statement.setNull(index, Types.VARCHAR);
                } else {
                    statement.setString(index, json);
                }
            }
            case INTEGER -> statement.setInt(index, (Integer) value);
            case LONG -> statement.setLong(index, (Long) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case INSTANT, OPTIONAL_INSTANT -> codec.setInstant(statement, index, (Instant) value);
        }
    }

    boolean optional() {
        return this == OPTIONAL_TEXT || this == OPTIONAL_INSTANT || this == OPTIONAL_KEY || this == OPTIONAL_EXTRAS;
    }

    /** Why the domain refuses the value, if it does. */
    Optional<String> problem(String column, Object value, int min) {
        if (value == null) {
            return optional() ? Optional.empty() : Optional.of(column + " is missing (NULL)");
        }
        try {
            switch (this) {
                case TEXT, OPTIONAL_TEXT -> Text.requireStorable(column, (String) value);
                case JSON_OBJECT -> {
                    Text.requireStorable(column, (String) value);
                    Metadata.parse(column, (String) value);
                }
                case ROLE -> Role.parse(column, (String) value);
                case OPTIONAL_KEY -> KEYS.key(column, (String) value);
                case OPTIONAL_EXTRAS -> {
                    Text.requireStorable(column, (String) value);
                    StoredExtras.parse(column, (String) value);
                }
                case TAG_NAME -> {
                    String name = (String) value;
                    Text.requireStorable(column, name);
                    if (name.isBlank() || !name.equals(name.toLowerCase(Locale.ROOT))) {
                        return Optional.of(column + " '" + Text.abbreviate(name) + "' is not a lower-cased tag");
                    }
                }
                case INTEGER, LONG -> {
                    if (((Number) value).longValue() < min) {
                        return Optional.of(column + " is " + value + ", below " + min);
                    }
                }
                case INSTANT, OPTIONAL_INSTANT -> {
                    Instant instant = (Instant) value;
                    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                        return Optional.of(column + " is " + instant.toEpochMilli()
                                + " ms after 1970, outside the years 1 to 9999");
                    }
                }
                case ID, BOOLEAN -> {
                    // read successfully means valid
                }
            }
        } catch (InvalidInputException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }
}
