package dev.colloquy.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the export format into a database. Every line is checked as the copy's pre-flight checks
 * a row, and must refer only to rows earlier in the file. A conversation, its tags and its
 * messages are always stored in the same transaction, so each conversation arrives whole or not
 * at all; consecutive conversations share a transaction up to {@link #GROUP_MESSAGES} messages
 * or {@link #GROUP_CONVERSATIONS} conversations, written as one batch per table (a commit and
 * three batches per conversation held a large import to 0.59 of plain JDBC batches on a
 * database that flushes its log at every commit). A project, tag or token is stored in a
 * transaction of its own. A row that exists in the target already stops the import with the
 * line and the row named: the lines before it stay imported (the pending group is written
 * first, and a group the target refuses is written again one conversation at a time to name
 * the refused one).
 */
public final class Importer {

    static final int GROUP_MESSAGES = 1_000;
    static final int GROUP_CONVERSATIONS = 100;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Side target;
    private final RowWriter writer;
    private final Map<String, Set<UUID>> accepted = new HashMap<>();
    private final Map<String, UUID> tagIds = new HashMap<>();
    private final Map<String, Long> imported = new LinkedHashMap<>();
    private long lineNumber;
    private Unit unit;
    private final List<Unit> group = new ArrayList<>();
    private int groupMessages;

    /** A conversation with its tag links and messages, written together. */
    private static final class Unit {
        final long line;
        final Row conversation;
        final List<Row> links;
        final List<Row> messages = new ArrayList<>();

        Unit(long line, Row conversation, List<Row> links) {
            this.line = line;
            this.conversation = conversation;
            this.links = links;
        }
    }

    public Importer(Side target) {
        this.target = target;
        this.writer = new RowWriter(target);
        for (String type : ExportFormat.TYPE_ORDER) {
            imported.put(type, 0L);
        }
        // Rows may refer only to rows earlier in the file: nothing is accepted before the first line.
        for (Table table : List.of(Tables.PROJECT, Tables.TAG, Tables.API_TOKEN, Tables.CONVERSATION)) {
            accepted.put(table.name(), new HashSet<>());
        }
    }

    /** Imports every line; returns the rows imported per type. */
    public Map<String, Long> importFrom(BufferedReader in, Progress progress) {
        progress.begin("import", "lines", -1);
        try {
            String line = in.readLine();
            lineNumber = 1;
            if (line == null) {
                throw new TransferException(
                        "the input is empty; expected an export, whose first line is " + ExportFormat.header());
            }
            header(line);
            try {
                while ((line = readLine(in)) != null) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    accept(line);
                    if (lineNumber % 1000 == 0) {
                        progress.advance(lineNumber);
                    }
                }
                finishUnit();
                writeGroup();
            } catch (RuntimeException e) {
                throw afterWritingGroup(e);
            }
            progress.end(lineNumber);
            return Map.copyOf(imported);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not read the import at line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not read the import at line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lines before a failure stay imported: writes the conversations still waiting in the
     * group and returns the failure to throw (the group's own, if the target refuses it, since
     * its lines come first).
     */
    private RuntimeException afterWritingGroup(RuntimeException failure) {
        try {
            writeGroup();
            return failure;
        } catch (TransferException earlier) {
            earlier.addSuppressed(failure);
            return earlier;
        }
    }

    public Map<String, Long> imported() {
        return Map.copyOf(imported);
    }

    /** The export format's version, from the header. */
    private int version = ExportFormat.VERSION;

    private void header(String line) {
        JsonNode header = parse(line);
        if (!ExportFormat.FORMAT.equals(header.path("format").asText(null))) {
            throw error("is not a Colloquy export header; expected " + ExportFormat.header());
        }
        if (!header.path("version").isInt()
                || !ExportFormat.READABLE.contains(header.path("version").intValue())) {
            throw error("is version " + header.path("version") + " of the export format; this build reads versions 1"
                    + " to " + ExportFormat.VERSION);
        }
        version = header.path("version").intValue();
    }

    private void accept(String text) {
        ObjectNode line = parse(text);
        String type = line.path("type").asText("");
        Table table = ExportFormat.TYPES.get(type);
        if (table == null) {
            throw error("has type '" + type + "'; expected one of " + String.join(", ", ExportFormat.TYPE_ORDER));
        }
        Row row;
        try {
            row = ExportFormat.row(table, line, type.equals("conversation") ? Set.of("tags") : Set.of(), version);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        Preflight.problem(row, accepted).ifPresent(problem -> {
            throw error("(" + type + " " + row.describeKey() + ") " + problem);
        });
        if (type.equals("message")) {
            message(row);
            return;
        }
        finishUnit();
        refuseExisting(type, row);
        if (type.equals("conversation")) {
            unit = new Unit(lineNumber, row, links(row, line.get("tags")));
        } else {
            write(type, List.of(row));
        }
        remember(row);
    }

    private void message(Row row) {
        if (unit == null || !unit.conversation.get("id").equals(row.get("conversation_id"))) {
            throw error("(message " + row.describeKey() + ") does not follow its conversation "
                    + row.get("conversation_id") + "; an export lists each conversation's messages right after it");
        }
        if ((Integer) row.get("seq") > (Integer) unit.conversation.get("last_seq")) {
            throw error("(message " + row.describeKey() + ") has seq " + row.get("seq")
                    + ", above its conversation's lastSeq " + unit.conversation.get("last_seq"));
        }
        unit.messages.add(row);
    }

    private List<Row> links(Row conversation, JsonNode tags) {
        if (tags == null || !tags.isArray()) {
            throw error("(conversation " + conversation.describeKey() + ") field 'tags' must be an array of tag names");
        }
        var links = new ArrayList<Row>();
        var seen = new HashSet<String>();
        for (JsonNode tag : tags) {
            UUID id = tagIds.get(conversation.get("project_id") + "/" + tag.asText());
            if (!tag.isTextual() || id == null) {
                throw error("(conversation " + conversation.describeKey() + ") has tag " + tag
                        + ", which no tag line of its project before it names");
            }
            if (seen.add(tag.textValue())) {
                links.add(Row.of(Tables.CONVERSATION_TAG, conversation.get("id"), id));
            }
        }
        return links;
    }

    private void remember(Row row) {
        Table table = row.table();
        accepted.computeIfAbsent(table.name(), t -> new HashSet<>()).add((UUID) row.get("id"));
        if (table == Tables.TAG) {
            tagIds.put(row.get("project_id") + "/" + row.get("name"), (UUID) row.get("id"));
        }
    }

    private void finishUnit() {
        if (unit == null) {
            return;
        }
        Unit done = unit;
        unit = null;
        int count = (Integer) done.conversation.get("message_count");
        if (count != done.messages.size()) {
            throw new TransferException("line " + done.line + ": conversation " + done.conversation.describeKey()
                    + " has messageCount " + count + " but " + done.messages.size()
                    + " message lines follow it; nothing of it was imported");
        }
        group.add(done);
        groupMessages += done.messages.size();
        if (groupMessages >= GROUP_MESSAGES || group.size() >= GROUP_CONVERSATIONS) {
            writeGroup();
        }
    }

    /** Writes the waiting conversations in one transaction. */
    private void writeGroup() {
        if (group.isEmpty()) {
            return;
        }
        var units = List.copyOf(group);
        group.clear();
        groupMessages = 0;
        try {
            // one batch per table for the whole group: conversations, then links, then messages
            writer.inTransaction(connection -> {
                writer.insert(
                        connection, units.stream().map(u -> u.conversation).toList());
                writer.insert(
                        connection,
                        units.stream().flatMap(u -> u.links.stream()).toList());
                writer.insert(
                        connection,
                        units.stream().flatMap(u -> u.messages.stream()).toList());
            });
        } catch (SQLException e) {
            if (units.size() == 1) {
                throw refused(units.get(0), e);
            }
            // Which one? Each again in a transaction of its own, up to the refused one.
            for (Unit done : units) {
                try {
                    writer.inTransaction(connection -> insert(connection, done));
                } catch (SQLException refusal) {
                    throw refused(done, refusal);
                }
                counted(done);
            }
            return;
        }
        units.forEach(this::counted);
    }

    private void insert(Connection connection, Unit done) throws SQLException {
        writer.insert(connection, List.of(done.conversation));
        writer.insert(connection, done.links);
        writer.insert(connection, done.messages);
    }

    private void counted(Unit done) {
        imported.merge("conversation", 1L, Long::sum);
        imported.merge("message", (long) done.messages.size(), Long::sum);
    }

    private static TransferException refused(Unit done, SQLException e) {
        return new TransferException(
                "line " + done.line + ": the target refused conversation " + done.conversation.describeKey()
                        + " or one of its messages (" + firstLine(e) + "); nothing of it was imported",
                e);
    }

    private void write(String type, List<Row> rows) {
        writeGroup();
        try {
            writer.inTransaction(connection -> writer.insert(connection, rows));
        } catch (SQLException e) {
            throw error("(" + type + " " + rows.get(0).describeKey() + ") was refused by the target: " + firstLine(e));
        }
        imported.merge(type, (long) rows.size(), Long::sum);
    }

    /** Import refuses duplicates: a row whose id is taken stops it, named, before anything of it is written. */
    private void refuseExisting(String type, Row row) {
        Table table = row.table();
        try (Connection connection = target.reader().getConnection();
                var statement = connection.prepareStatement(table.countById())) {
            target.codec().setId(statement, 1, (UUID) row.get("id"));
            try (var rows = statement.executeQuery()) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    throw error("(" + type + " " + row.describeKey() + ") exists in the " + target.description()
                            + " already; import refuses duplicates: import into an empty database, or delete it"
                            + " there first");
                }
            }
        } catch (SQLException e) {
            throw new TransferException("could not read the " + target.description() + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode parse(String text) {
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw error("is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw error("is not a JSON object");
        }
        return (ObjectNode) node;
    }

    private TransferException error(String problem) {
        return new TransferException("line " + lineNumber + " " + problem);
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message);
    }
}
