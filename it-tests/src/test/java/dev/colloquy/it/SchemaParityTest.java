package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.persistence.Database;
import dev.colloquy.transfer.Tables;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After migration both databases hold the same tables, columns, nullability and keys, with types
 * compared by meaning. Declared differences, each a backend's own search index: PostgreSQL's
 * generated {@code search_vector} and {@code title_vector} columns, SQLite's FTS5 tables and the
 * {@code id_ceiling} its search reads them by.
 */
class SchemaParityTest {

    private static final Set<String> SEARCH_INDEX_TABLES = Set.of(
            "message_fts",
            "message_fts_data",
            "message_fts_idx",
            "message_fts_docsize",
            "message_fts_config",
            "conversation_fts",
            "conversation_fts_data",
            "conversation_fts_idx",
            "conversation_fts_docsize",
            "conversation_fts_config");
    private static final Set<String> SEARCH_INDEX_COLUMNS =
            Set.of("message.search_vector", "conversation.title_vector", "message.id_ceiling");

    private static Database sqlite;
    private static Database postgres;

    @BeforeAll
    static void open() {
        sqlite = Database.open(TestDatabases.fresh("sqlite"));
        postgres = Database.open(TestDatabases.fresh("postgres"));
    }

    @AfterAll
    static void close() {
        sqlite.close();
        postgres.close();
    }

    /** What a column is, independent of how a backend spells it. */
    record Column(String meaning, boolean nullable) {}

    record Schema(
            Map<String, Map<String, Column>> columns,
            Map<String, Set<String>> primaryKeys,
            Map<String, Set<String>> foreignKeys,
            Map<String, Set<Set<String>>> uniqueKeys) {}

    @Test
    void bothBackendsHaveTheSameTablesColumnsAndKeys() throws SQLException {
        Schema lite = read(sqlite);
        Schema pg = read(postgres);

        assertThat(lite.columns().keySet())
                .containsExactlyInAnyOrder(
                        "project",
                        "conversation",
                        "tag",
                        "conversation_tag",
                        "message",
                        "api_token",
                        "idempotent_request",
                        "conversation_metadata",
                        "message_embedding",
                        "embedding_generation");
        assertThat(lite.columns()).isEqualTo(pg.columns());
        assertThat(lite.primaryKeys()).isEqualTo(pg.primaryKeys());
        assertThat(lite.foreignKeys()).isEqualTo(pg.foreignKeys());
        assertThat(lite.uniqueKeys()).isEqualTo(pg.uniqueKeys());
        assertThat(lite.foreignKeys().get("message"))
                .containsExactly("conversation_id -> conversation.id ON DELETE CASCADE");
        assertThat(lite.uniqueKeys().get("message")).containsExactly(Set.of("conversation_id", "seq"));
        assertThat(lite.foreignKeys().get("idempotent_request"))
                .containsExactlyInAnyOrder(
                        "token_id -> api_token.id ON DELETE CASCADE",
                        "conversation_id -> conversation.id ON DELETE CASCADE");
        assertThat(lite.uniqueKeys().get("idempotent_request")).containsExactly(Set.of("token_id", "idempotency_key"));
        assertThat(lite.primaryKeys().get("message_embedding")).containsExactlyInAnyOrder("message_id", "model");
        assertThat(lite.foreignKeys().get("message_embedding"))
                .containsExactly("message_id -> message.id ON DELETE CASCADE");
        assertThat(lite.columns().get("message_embedding").get("vector")).isEqualTo(new Column("bytes", true));
    }

    @Test
    void theTransferMovesEveryColumnOfEveryTable() throws SQLException {
        Schema lite = read(sqlite);
        var transferred = new TreeMap<String, Set<String>>();
        for (var table : Tables.ALL) {
            transferred.put(table.name(), new TreeSet<>(table.columnNames()));
        }
        var stored = new TreeMap<String, Set<String>>();
        lite.columns().forEach((table, columns) -> stored.put(table, new TreeSet<>(columns.keySet())));
        // Kept by the database's own triggers from conversation.metadata, on every insert the
        // transfer makes: derived, like the full-text index, and never transferred.
        assertThat(stored.remove("conversation_metadata"))
                .containsExactlyInAnyOrder("conversation_id", "key", "project_id", "value", "value_key");
        // Made by the indexer from the messages: derived as well; the target embeds them again.
        assertThat(stored.remove("message_embedding"))
                .containsExactlyInAnyOrder(
                        "message_id",
                        "model",
                        "project_id",
                        "conversation_id",
                        "role",
                        "created_at",
                        "dimensions",
                        "vector",
                        "generation",
                        "claimed_until",
                        "embedded_at");
        assertThat(stored.remove("embedding_generation"))
                .containsExactlyInAnyOrder("project_id", "model", "generation");
        assertThat(transferred).isEqualTo(stored);
    }

    private static Schema read(Database database) throws SQLException {
        try (Connection connection = database.dataSources().reader().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
            var columns = new TreeMap<String, Map<String, Column>>();
            var primaryKeys = new TreeMap<String, Set<String>>();
            var foreignKeys = new TreeMap<String, Set<String>>();
            var uniqueKeys = new TreeMap<String, Set<Set<String>>>();
            for (String table : tables(meta)) {
                var tableColumns = new TreeMap<String, Column>();
                try (ResultSet rows = meta.getColumns(null, null, table, "%")) {
                    while (rows.next()) {
                        String name = rows.getString("COLUMN_NAME");
                        if (!SEARCH_INDEX_COLUMNS.contains(table + "." + name)) {
                            String type = rows.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
                            boolean nullable = rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
                            tableColumns.put(
                                    name, new Column(meaning(connection, product, table, name, type), nullable));
                        }
                    }
                }
                columns.put(table, tableColumns);
                var pk = new TreeSet<String>();
                try (ResultSet rows = meta.getPrimaryKeys(null, null, table)) {
                    while (rows.next()) {
                        pk.add(rows.getString("COLUMN_NAME"));
                    }
                }
                primaryKeys.put(table, pk);
                var fks = new TreeSet<String>();
                try (ResultSet rows = meta.getImportedKeys(null, null, table)) {
                    while (rows.next()) {
                        fks.add(rows.getString("FKCOLUMN_NAME") + " -> " + rows.getString("PKTABLE_NAME") + "."
                                + rows.getString("PKCOLUMN_NAME")
                                + (rows.getShort("DELETE_RULE") == DatabaseMetaData.importedKeyCascade
                                        ? " ON DELETE CASCADE"
                                        : ""));
                    }
                }
                foreignKeys.put(table, fks);
                var indexes = new TreeMap<String, Set<String>>();
                try (ResultSet rows = meta.getIndexInfo(null, null, table, true, false)) {
                    while (rows.next()) {
                        String index = rows.getString("INDEX_NAME");
                        String column = rows.getString("COLUMN_NAME");
                        // sqlite-jdbc lists every index even when asked for unique ones only
                        if (index != null && column != null && !rows.getBoolean("NON_UNIQUE")) {
                            indexes.computeIfAbsent(index, i -> new TreeSet<>()).add(column);
                        }
                    }
                }
                var unique = new HashSet<Set<String>>(indexes.values());
                unique.remove(pk);
                uniqueKeys.put(table, unique);
            }
            return new Schema(columns, primaryKeys, foreignKeys, uniqueKeys);
        }
    }

    private static Set<String> tables(DatabaseMetaData meta) throws SQLException {
        var tables = new TreeSet<String>();
        try (ResultSet rows = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                String schema = rows.getString("TABLE_SCHEM");
                boolean visible = schema == null || schema.equals("public");
                if (visible
                        && !name.equals("flyway_schema_history")
                        && !SEARCH_INDEX_TABLES.contains(name)
                        && !name.startsWith("sqlite_")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /** Type names by meaning. SQLite's JSON columns are TEXT with a json_valid CHECK in the table's DDL. */
    private static String meaning(Connection connection, String product, String table, String column, String type)
            throws SQLException {
        if (product.contains("sqlite") && type.equals("text") && hasJsonCheck(connection, table, column)) {
            return "json";
        }
        if (column.equals("vector")) {
            // A vector's bytes: BLOB on SQLite (as its ids, which are 16 bytes), bytea on PostgreSQL.
            return type.equals("blob") || type.equals("bytea") ? "bytes" : "unmapped:" + type;
        }
        return switch (type) {
            case "uuid", "blob" -> "uuid";
            case "text" -> "text";
            case "jsonb" -> "json";
            case "int4", "integer" -> "int";
            case "int8", "bigint" -> "long";
            case "timestamptz", "timestamp" -> "instant";
            case "bool", "boolean" -> "boolean";
            default -> "unmapped:" + type;
        };
    }

    private static boolean hasJsonCheck(Connection connection, String table, String column) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '"
                                + table.replace("'", "''") + "'")) {
            return rows.next() && rows.getString(1).contains("json_valid(" + column + ")");
        }
    }
}
