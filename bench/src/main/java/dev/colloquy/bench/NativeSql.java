package dev.colloquy.bench;

import dev.colloquy.conversation.ConversationEntity;
import dev.colloquy.persistence.spi.ColumnCodec;
import dev.colloquy.persistence.spi.DatabaseBackend;
import dev.colloquy.persistence.spi.NativeQuery;
import jakarta.persistence.NamedNativeQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A backend's native query, its SQL taken from the backend itself (the SQL Colloquy runs, not a
 * copy of it), with its {@code :name} parameters turned into positional ones for plain JDBC. A
 * baseline built on it measures the same statement without the mapping layer.
 */
record NativeSql(String sql, List<String> parameters) {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)");

    static NativeSql of(DatabaseBackend backend, NativeQuery query) {
        return positional(backend.schema().sql(query));
    }

    /** A native query every backend reads alike, from its annotation on the conversation entity. */
    static NativeSql shared(String name) {
        for (var query : ConversationEntity.class.getAnnotationsByType(NamedNativeQuery.class)) {
            if (query.name().equals(name)) {
                return positional(query.query());
            }
        }
        throw new IllegalStateException("no shared native query named " + name);
    }

    static NativeSql positional(String text) {
        var names = new ArrayList<String>();
        var matcher = PARAMETER.matcher(text);
        var sql = new StringBuilder();
        while (matcher.find()) {
            names.add(matcher.group(1));
            matcher.appendReplacement(sql, "?");
        }
        matcher.appendTail(sql);
        return new NativeSql(sql.toString(), List.copyOf(names));
    }

    /** Prepares the statement and binds {@code values} by parameter name: ids and instants through the backend's codec. */
    PreparedStatement prepare(Connection connection, ColumnCodec codec, Map<String, Object> values)
            throws SQLException {
        var statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                String name = parameters.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("no value for :" + name);
                }
                Object value = values.get(name);
                int index = i + 1;
                if (value instanceof UUID id) {
                    codec.setId(statement, index, id);
                } else if (value instanceof Instant instant) {
                    codec.setInstant(statement, index, instant);
                } else if (value instanceof Integer number) {
                    statement.setInt(index, number);
                } else {
                    statement.setString(index, (String) value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
