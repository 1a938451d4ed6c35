package dev.colloquy.bench;

import dev.colloquy.persistence.PersistenceUnit;
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
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * A backend's named native query, read from the backend's own mapping file (the SQL Colloquy
 * runs, not a copy of it), with its {@code :name} parameters turned into positional ones for
 * plain JDBC. A baseline built on it measures the same statement without the mapping layer.
 */
record NativeSql(String sql, List<String> parameters) {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)");

    static NativeSql named(DatabaseBackend backend, String name) {
        ClassLoader loader = backend.getClass().getClassLoader();
        var unit = PersistenceUnit.named(backend.schema().persistenceUnit(), loader);
        for (String mappingFile : unit.mappingFiles()) {
            var found = find(loader, mappingFile, name);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException(
                "the persistence unit " + unit.name() + " has no query named " + name + " in " + unit.mappingFiles());
    }

    private static Optional<NativeSql> find(ClassLoader loader, String mappingFile, String name) {
        try (InputStream in = loader.getResourceAsStream(mappingFile)) {
            if (in == null) {
                throw new IllegalStateException("no mapping file " + mappingFile);
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
                    return Optional.of(positional(text));
                }
            }
            return Optional.empty();
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + mappingFile + ": " + e.getMessage(), e);
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
