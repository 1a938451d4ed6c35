package dev.colloquy.bench;

import dev.colloquy.persistence.spi.ColumnCodec;
import dev.colloquy.persistence.spi.DatabaseBackend;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * A backend's named native query, read from the backend's own mapping file (the SQL Colloquy
 * runs, not a copy of it), with its {@code :name} parameters turned into positional ones for
 * plain JDBC. A baseline built on it measures the same statement without the mapping layer.
 */
record NativeSql(String sql, List<String> parameters) {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)");

    static NativeSql named(DatabaseBackend backend, String name) {
        try (InputStream in = backend.getClass()
                .getClassLoader()
                .getResourceAsStream(backend.schema().mappingFile())) {
            if (in == null) {
                throw new IllegalStateException(
                        "no mapping file " + backend.schema().mappingFile());
            }
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var document = factory.newDocumentBuilder().parse(in);
            var queries = document.getElementsByTagNameNS("*", "named-native-query");
            for (int i = 0; i < queries.getLength(); i++) {
                var query = (Element) queries.item(i);
                if (query.getAttribute("name").equals(name)) {
                    String text = query.getElementsByTagNameNS("*", "query")
                            .item(0)
                            .getTextContent()
                            .strip();
                    return positional(text);
                }
            }
            throw new IllegalStateException(backend.schema().mappingFile() + " has no query named " + name);
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot read " + backend.schema().mappingFile() + ": " + e.getMessage(), e);
        }
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
