package dev.colloquy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colloquy.persistence.spi.ColumnCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The data sets, in the export format: one project, 20 tags, conversations of varying length
 * (most short, a few long: lengths drawn from an exponential distribution around the mean) with
 * 0 to 4 tags each (the first tags far more often than the last) and metadata (a customer of
 * 1,000, a channel of 4, a number), metadata on every third message. Ids are time-ordered and
 * derived from a counter and the text from a seeded generator, so the same sizes always give the
 * same file.
 */
final class BulkData {

    static final int MEAN_LENGTH = 100;
    static final String[] CHANNELS = {"web", "mobile", "email", "api"};
    static final int TAGS = 20;
    private static final int MAX_LENGTH_FACTOR = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private BulkData() {}

    private static UUID id(long n) {
        long millis = START.toEpochMilli() + n / 4000;
        long msb = (millis << 16) | (0x7L << 12) | (n % 4000);
        return new UUID(msb, 0x8000_0000_0000_0000L | n);
    }

    /** The tag name of index {@code t} (0 to 19). */
    static String tag(int t) {
        return String.format("tag%02d", t);
    }

    /** The file of {@code messages} messages in conversations of the mean length, written once per run. */
    static Path messagesFile(Path folder, int messages) throws IOException {
        Path file = folder.resolve("messages-" + messages + ".jsonl");
        if (!Files.exists(file)) {
            writeExport(file, messages, MEAN_LENGTH);
        }
        return file;
    }

    /** {@code messages} messages in conversations of {@code meanLength} messages on average. */
    static void writeExport(Path file, int messages, int meanLength) throws IOException {
        writeExport(file, messages, meanLength, 0);
    }

    /** {@code conversations} conversations of 0 to 3 messages each. */
    static void writeConversations(Path file, int conversations) throws IOException {
        writeExport(file, 0, 0, conversations);
    }

    private static void writeExport(Path file, int messages, int meanLength, int conversationCount) throws IOException {
        var random = new Random(11);
        long n = 0;
        UUID project = id(n++);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"format\":\"colloquy-export\",\"version\":1}\n");
            line(
                    out,
                    node("project")
                            .put("id", project.toString())
                            .put("name", "bench")
                            .put("createdAt", instant(0)));
            for (int t = 0; t < TAGS; t++) {
                line(
                        out,
                        node("tag")
                                .put("id", id(n++).toString())
                                .put("projectId", project.toString())
                                .put("name", tag(t)));
            }
            int remaining = messages;
            for (int c = 0; meanLength > 0 ? remaining > 0 : c < conversationCount; c++) {
                int length;
                if (meanLength > 0) {
                    double drawn = -Math.log(1 - random.nextDouble()) * meanLength;
                    length = Math.min(remaining, Math.min(MAX_LENGTH_FACTOR * meanLength, 1 + (int) drawn));
                    remaining -= length;
                } else {
                    length = random.nextInt(4);
                }
                UUID conversation = id(n++);
                var conversationLine = node("conversation")
                        .put("id", conversation.toString())
                        .put("projectId", project.toString())
                        .put(
                                "title",
                                "conversation " + c + " "
                                        + BenchData.sentence(random).split(" ")[0]);
                conversationLine
                        .putObject("metadata")
                        .put("customer", "c" + (c % 1000))
                        .put("channel", CHANNELS[random.nextInt(CHANNELS.length)])
                        .put("n", c);
                var names = new TreeSet<String>();
                int tagCount = random.nextInt(5);
                while (names.size() < tagCount) {
                    // skewed: tag00 on many conversations, tag19 on few
                    names.add(tag((int) (Math.pow(random.nextDouble(), 2) * TAGS)));
                }
                var tagArray = conversationLine.putArray("tags");
                names.forEach(tagArray::add);
                conversationLine
                        .put("messageCount", length)
                        .put("lastSeq", length)
                        .put("createdAt", instant(c))
                        .put("updatedAt", instant(c + length))
                        .put("version", 0);
                line(out, conversationLine);
                for (int m = 1; m <= length; m++) {
                    var message = node("message")
                            .put("id", id(n++).toString())
                            .put("conversationId", conversation.toString())
                            .put("seq", m)
                            .put("role", m % 2 == 1 ? "user" : "assistant")
                            .put("content", BenchData.sentence(random));
                    var metadata = message.putObject("metadata");
                    if (m % 3 == 0) {
                        metadata.put("tokens", 10 + m);
                    }
                    message.put("createdAt", instant(c + m));
                    line(out, message);
                }
            }
        }
    }

    private static ObjectNode node(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static String instant(long seconds) {
        return START.plusSeconds(seconds).toString().replace("Z", ".000Z");
    }

    private static void line(BufferedWriter out, JsonNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
    }

    /**
     * The baseline: the same rows read from the same file and inserted with plain JDBC batches,
     * a batch and commit per 1,000 messages or 1,000 conversations (with their tag links). The search
     * text is the content as is (no normalization): the least work the schema allows.
     */
    static long rawInsert(String url, Path file, ColumnCodec codec) throws Exception {
        long rows = 0;
        int pendingConversations = 0;
        try (var dataSources = RawJdbc.open(url);
                var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                Connection connection = dataSources.writer().getConnection()) {
            connection.setAutoCommit(false);
            var conversations = connection.prepareStatement("INSERT INTO conversation (id, project_id, title,"
                    + " search_title, metadata, message_count, last_seq, created_at, updated_at, version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            var links =
                    connection.prepareStatement("INSERT INTO conversation_tag (conversation_id, tag_id) VALUES (?, ?)");
            var messages = connection.prepareStatement(RawJdbc.INSERT_MESSAGE);
            var tagIds = new HashMap<String, UUID>();
            int pendingMessages = 0;
            reader.readLine(); // header
            String text;
            while ((text = reader.readLine()) != null) {
                JsonNode line = JSON.readTree(text);
                switch (line.get("type").asText()) {
                    case "project" -> {
                        try (var statement = connection.prepareStatement(
                                "INSERT INTO project (id, name, created_at) VALUES (?, ?, ?)")) {
                            codec.setId(
                                    statement, 1, UUID.fromString(line.get("id").asText()));
                            statement.setString(2, line.get("name").asText());
                            codec.setInstant(
                                    statement,
                                    3,
                                    Instant.parse(line.get("createdAt").asText()));
                            statement.executeUpdate();
                        }
                        rows++;
                    }
                    case "tag" -> {
                        try (var statement = connection.prepareStatement(
                                "INSERT INTO tag (id, project_id, name) VALUES (?, ?, ?)")) {
                            UUID id = UUID.fromString(line.get("id").asText());
                            codec.setId(statement, 1, id);
                            codec.setId(
                                    statement,
                                    2,
                                    UUID.fromString(line.get("projectId").asText()));
                            statement.setString(3, line.get("name").asText());
                            statement.executeUpdate();
                            tagIds.put(line.get("name").asText(), id);
                        }
                        rows++;
                    }
                    case "conversation" -> {
                        UUID id = UUID.fromString(line.get("id").asText());
                        codec.setId(conversations, 1, id);
                        codec.setId(
                                conversations,
                                2,
                                UUID.fromString(line.get("projectId").asText()));
                        conversations.setString(3, line.get("title").asText());
                        conversations.setString(4, line.get("title").asText());
                        conversations.setString(5, JSON.writeValueAsString(line.get("metadata")));
                        conversations.setInt(6, line.get("messageCount").asInt());
                        conversations.setInt(7, line.get("lastSeq").asInt());
                        codec.setInstant(
                                conversations,
                                8,
                                Instant.parse(line.get("createdAt").asText()));
                        codec.setInstant(
                                conversations,
                                9,
                                Instant.parse(line.get("updatedAt").asText()));
                        conversations.setLong(10, line.get("version").asLong());
                        conversations.addBatch();
                        rows++;
                        pendingConversations++;
                        for (JsonNode tag : line.get("tags")) {
                            codec.setId(links, 1, id);
                            codec.setId(links, 2, tagIds.get(tag.asText()));
                            links.addBatch(); // not counted: import's counts leave the links out too
                        }
                    }
                    case "message" -> {
                        String content = line.get("content").asText();
                        codec.setId(messages, 1, UUID.fromString(line.get("id").asText()));
                        codec.setId(
                                messages,
                                2,
                                UUID.fromString(line.get("conversationId").asText()));
                        messages.setInt(3, line.get("seq").asInt());
                        messages.setString(4, line.get("role").asText());
                        messages.setString(5, content);
                        messages.setString(6, content);
                        messages.setString(7, JSON.writeValueAsString(line.get("metadata")));
                        codec.setInstant(
                                messages, 8, Instant.parse(line.get("createdAt").asText()));
                        messages.addBatch();
                        rows++;
                        pendingMessages++;
                    }
                    default -> throw new IllegalStateException("unexpected line " + text);
                }
                if (pendingMessages >= 1000 || pendingConversations >= 1000) {
                    flush(connection, List.of(conversations, links, messages));
                    pendingMessages = 0;
                    pendingConversations = 0;
                }
                if (line.get("type").asText().equals("tag")
                        || line.get("type").asText().equals("project")) {
                    connection.commit();
                }
            }
            flush(connection, List.of(conversations, links, messages));
            connection.setAutoCommit(true);
        }
        return rows;
    }

    private static void flush(Connection connection, List<PreparedStatement> statements) throws SQLException {
        for (PreparedStatement statement : statements) {
            statement.executeBatch();
        }
        connection.commit();
    }
}
