package dev.colloquy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.conversation.ConversationFilter;
import dev.colloquy.domain.Role;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.spi.ColumnCodec;
import dev.colloquy.persistence.spi.DatabaseBackend;
import dev.colloquy.persistence.spi.NativeQuery;
import dev.colloquy.search.NewestMatches;
import dev.colloquy.search.Ranking;
import dev.colloquy.search.SearchQuery;
import dev.colloquy.search.SearchRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read scenarios over large data sets: full-text search in ten query shapes and listing
 * conversations by tag and metadata. Each shape runs through Colloquy's store and then as the
 * same statements in plain JDBC: the backend's own named native query (read from its mapping
 * file), bound with the same values, followed by the same load of the matched rows by id.
 */
final class QueryScenarios {

    /** Hits per search and conversations per page, in both Colloquy and the baseline. */
    static final int PAGE = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID NO_CONVERSATION = new UUID(0, 0);
    private static final Instant NO_LOWER_BOUND = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant NO_CURSOR_AT = Instant.parse("9999-12-31T00:00:00Z");

    private final Scale scale;
    private final BenchDatabases databases;
    private final PrintStream log;

    QueryScenarios(Scale scale, BenchDatabases databases, PrintStream log) {
        this.scale = scale;
        this.databases = databases;
        this.log = log;
    }

    /**
     * One search shape.
     *
     * @param inConversation whether the search is limited to one conversation
     */
    record SearchShape(String name, String query, Optional<String> tag, Optional<Role> role, boolean inConversation) {

        static SearchShape of(String name, String query) {
            return new SearchShape(name, query, Optional.empty(), Optional.empty(), false);
        }
    }

    /** The ten shapes: word frequencies from common to rare, phrases, prefixes, exclusions and the three filters. */
    static List<SearchShape> searchShapes() {
        String rare = BenchData.VOCABULARY[1500];
        String middle = BenchData.VOCABULARY[300];
        return List.of(
                SearchShape.of("common-word", "order"),
                SearchShape.of("rare-word", rare),
                SearchShape.of("two-words", "refund payment"),
                SearchShape.of("three-words", "please help account"),
                SearchShape.of("phrase", "\"the order\""),
                SearchShape.of("prefix", middle.substring(0, 3) + "*"),
                SearchShape.of("excluded-word", "invoice -refund"),
                new SearchShape("role", "deploy", Optional.empty(), Optional.of(Role.ASSISTANT), false),
                new SearchShape("tag", "database", Optional.of(BulkData.tag(5)), Optional.empty(), false),
                new SearchShape("one-conversation", "error", Optional.empty(), Optional.empty(), true));
    }

    /** One listing shape: a tag and metadata filters, or neither. */
    record ListShape(String name, Optional<String> tag, Map<String, String> metadata) {}

    static List<ListShape> listShapes() {
        return List.of(
                new ListShape("newest", Optional.empty(), Map.of()),
                new ListShape("common-tag", Optional.of(BulkData.tag(0)), Map.of()),
                new ListShape("rare-tag", Optional.of(BulkData.tag(19)), Map.of()),
                new ListShape("common-metadata", Optional.empty(), Map.of("channel", "email")),
                new ListShape("rare-metadata", Optional.empty(), Map.of("customer", "c42")),
                new ListShape("tag-and-metadata", Optional.of(BulkData.tag(1)), Map.of("channel", "web")));
    }

    // ---------------------------------------------------------------- search

    /** Search over {@code bulkMessages} messages, each shape through the store and as raw SQL. */
    List<Measurement> search(String backend, Path scratch) throws Exception {
        Path export = BulkData.messagesFile(scratch, scale.bulkMessages());
        String url = load(backend, export);
        var results = new ArrayList<Measurement>();
        var settings = Scenarios.settings(url);
        DatabaseBackend kind = settings.backend();
        ColumnCodec codec = kind.connections().columns();
        var messageSearch = NativeSql.of(kind, NativeQuery.MESSAGE_SEARCH);
        var messageSearchInConversation = NativeSql.of(kind, NativeQuery.MESSAGE_SEARCH_IN_CONVERSATION);
        var titleSearch = NativeSql.of(kind, NativeQuery.CONVERSATION_SEARCH_TITLES);
        var planning = NativeSql.of(kind, NativeQuery.SEARCH_PLANNING);
        try (var database = Database.open(settings);
                var dataSources = RawJdbc.open(url);
                var connection = dataSources.reader().getConnection()) {
            // One transaction a search, as Colloquy's (the planning statement lasts for one).
            connection.setAutoCommit(false);
            UUID project = database.projects().findByName("bench").orElseThrow().id();
            UUID conversation = database.conversations()
                    .list(project, ConversationFilter.all().withLimit(1))
                    .items()
                    .get(0)
                    .id();
            var shapes = new ArrayList<Shaped>();
            for (SearchShape shape : searchShapes()) {
                var request = new SearchRequest(
                        shape.query(),
                        PAGE,
                        shape.tag(),
                        shape.role(),
                        shape.inConversation() ? Optional.of(conversation) : Optional.empty());
                int hits = database.search().search(project, request).size();
                var values = new HashMap<String, Object>();
                values.put("project", project);
                SearchQuery parsed = SearchQuery.parse(shape.query());
                values.put("query", kind.search().syntax().render(parsed));
                values.put("tag", shape.tag().orElse(""));
                values.put("role", shape.role().map(Role::wireName).orElse(""));
                values.put("byConversation", shape.inConversation() ? 1 : 0);
                values.put("conversation", shape.inConversation() ? conversation : NO_CONVERSATION);
                values.put("since", NO_LOWER_BOUND);
                values.put("until", NO_CURSOR_AT);
                values.put("byMetadata", 0);
                values.put("filters", "{}");
                values.put("limit", Ranking.CANDIDATES + 1);
                values.put("word", parsed.longestRequiredWord());
                var messageRows = shape.inConversation()
                        ? new Candidates(messageSearchInConversation, Optional.of(parsed))
                        : new Candidates(messageSearch, Optional.empty());
                var titleRows = new Candidates(titleSearch, Optional.empty());
                boolean titles = shape.role().isEmpty();
                int rawHits = rawSearch(connection, codec, planning, messageRows, titleRows, values, titles);
                if (rawHits != hits) {
                    throw new IllegalStateException("search " + shape.name() + ": Colloquy found " + hits
                            + " hits, the raw SQL " + rawHits + "; the baseline does not run the same query");
                }
                shapes.add(new Shaped(
                        "search:" + shape.name(),
                        hits,
                        (t, i) -> database.search().search(project, request),
                        (t, i) -> rawSearch(connection, codec, planning, messageRows, titleRows, values, titles)));
            }
            measure(backend, shapes, results);
        }
        return results;
    }

    /** One shape's two ways: through Colloquy and as raw SQL, both finding {@code rows} rows. */
    private record Shaped(String scenario, int rows, Load.Operation colloquy, Load.Operation raw) {}

    /**
     * Warms every shape up first (so that the first shape measured does not carry the JIT's
     * compilation of the code all shapes share), then measures each, Colloquy and raw SQL in turn.
     */
    private void measure(String backend, List<Shaped> shapes, List<Measurement> results) throws Exception {
        for (Shaped shape : shapes) {
            Load.sequential(
                    Math.max(1, scale.lookups() / 5), scale.latencyBudget().dividedBy(2), shape.colloquy());
            Load.sequential(
                    Math.max(1, scale.lookups() / 5), scale.latencyBudget().dividedBy(2), shape.raw());
        }
        for (Shaped shape : shapes) {
            var colloquy = Load.sequential(scale.lookups(), scale.latencyBudget(), shape.colloquy());
            results.add(latency(shape.scenario(), backend, "colloquy", colloquy, shape.rows()));
            var raw = Load.sequential(scale.lookups(), scale.latencyBudget(), shape.raw());
            results.add(latency(shape.scenario(), backend, "raw-sql", raw, shape.rows()));
        }
    }

    /**
     * A search statement and, for the one that reads a conversation's messages whatever their text,
     * the query their text must match.
     */
    private record Candidates(NativeSql sql, Optional<SearchQuery> matching) {}

    /**
     * The search's SQL as Colloquy runs it, without the ranking in Java: the newest matching messages
     * (and titles, unless a role is asked for), read as far as Colloquy reads them ({@link
     * NewestMatches}), then the rows of a page of them by id.
     */
    private static int rawSearch(
            Connection connection,
            ColumnCodec codec,
            NativeSql planning,
            Candidates messageSearch,
            Candidates titleSearch,
            Map<String, Object> values,
            boolean titles)
            throws SQLException {
        try (var statement = planning.prepare(connection, codec, values);
                var rows = statement.executeQuery()) {
            rows.next();
        }
        List<UUID> messages = ids(connection, codec, messageSearch, values);
        List<UUID> conversations = titles ? ids(connection, codec, titleSearch, values) : List.of();
        messages = messages.subList(0, Math.min(messages.size(), PAGE));
        conversations = conversations.subList(0, Math.min(conversations.size(), PAGE - messages.size()));
        int rows = byIds(
                        connection,
                        codec,
                        "SELECT id, conversation_id, seq, role, content, metadata, created_at FROM message",
                        messages)
                + byIds(
                        connection,
                        codec,
                        "SELECT id, project_id, title, metadata, message_count, created_at, updated_at"
                                + " FROM conversation",
                        conversations);
        connection.commit();
        return rows;
    }

    private static List<UUID> ids(
            Connection connection, ColumnCodec codec, Candidates candidates, Map<String, Object> values)
            throws SQLException {
        var newest = new NewestMatches();
        try (var statement = candidates.sql().prepare(connection, codec, values);
                var rows = statement.executeQuery()) {
            while (rows.next()) {
                if (!newest.offer(
                        codec.getId(rows, 1),
                        rows.getString(2),
                        rows.getObject(3) == null ? null : codec.getId(rows, 3),
                        candidates.matching())) {
                    break;
                }
            }
        }
        return newest.newestFirst().stream().map(NewestMatches.Match::id).toList();
    }

    /** Reads every column of the rows with these ids; returns how many were found. */
    private static int byIds(Connection connection, ColumnCodec codec, String select, List<UUID> ids)
            throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        String sql = select + " WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        int count = 0;
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                codec.setId(statement, i + 1, ids.get(i));
            }
            try (var rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rows.getObject(c);
                    }
                    count++;
                }
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- list

    /** One page of {@code listConversations} conversations, by tag and metadata, through the store and as raw SQL. */
    List<Measurement> list(String backend, Path scratch) throws Exception {
        Path export = scratch.resolve("conversations-" + scale.listConversations() + ".jsonl");
        if (!Files.exists(export)) {
            BulkData.writeConversations(export, scale.listConversations());
        }
        String url = load(backend, export);
        var results = new ArrayList<Measurement>();
        var settings = Scenarios.settings(url);
        ColumnCodec codec = settings.backend().connections().columns();
        var plans = new ListPlans(
                NativeSql.of(settings.backend(), NativeQuery.CONVERSATION_LIST),
                NativeSql.of(settings.backend(), NativeQuery.CONVERSATION_LIST_BY_TAG),
                NativeSql.of(settings.backend(), NativeQuery.CONVERSATION_LIST_BY_METADATA),
                NativeSql.shared("Tag.count"),
                NativeSql.shared("ConversationMetadata.count"));
        try (var database = Database.open(settings);
                var dataSources = RawJdbc.open(url);
                var connection = dataSources.reader().getConnection()) {
            UUID project = database.projects().findByName("bench").orElseThrow().id();
            var shapes = new ArrayList<Shaped>();
            for (ListShape shape : listShapes()) {
                var filter = ConversationFilter.all().withLimit(PAGE);
                if (shape.tag().isPresent()) {
                    filter = filter.withTag(shape.tag().get());
                }
                for (var entry : shape.metadata().entrySet()) {
                    filter = filter.withMetadata(entry.getKey(), entry.getValue());
                }
                var chosen = filter;
                int found =
                        database.conversations().list(project, chosen).items().size();
                var values = new HashMap<String, Object>();
                values.put("project", project);
                values.put("tag", shape.tag().orElse(""));
                values.put("since", NO_LOWER_BOUND);
                values.put("cursorAt", NO_CURSOR_AT);
                values.put("cursorId", NO_CONVERSATION);
                values.put("filters", JSON.writeValueAsString(shape.metadata()));
                values.put("limit", PAGE + 1);
                int rawFound = rawList(connection, codec, plans, values, shape.metadata());
                if (rawFound != found) {
                    throw new IllegalStateException("list " + shape.name() + ": Colloquy found " + found
                            + " conversations, the raw SQL " + rawFound + "; the baseline does not run the same query");
                }
                shapes.add(new Shaped(
                        "list:" + shape.name(),
                        found,
                        (t, i) -> database.conversations().list(project, chosen),
                        (t, i) -> rawList(connection, codec, plans, values, shape.metadata())));
            }
            measure(backend, shapes, results);
        }
        return results;
    }

    private static long count(Connection connection, ColumnCodec codec, NativeSql sql, Map<String, Object> values)
            throws SQLException {
        try (var statement = sql.prepare(connection, codec, values);
                var rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The listing's statements: its three plans, and the counts that choose between them. */
    private record ListPlans(
            NativeSql walk, NativeSql byTag, NativeSql byMetadata, NativeSql tagCount, NativeSql metadataCount) {}

    /**
     * The listing as Colloquy runs it: the counts of the filters' carriers (at most {@code RARE + 1}
     * each), the plan they choose, one page of it (and one row more, to know if another follows),
     * then the page's tags.
     */
    private static int rawList(
            Connection connection,
            ColumnCodec codec,
            ListPlans plans,
            Map<String, Object> values,
            Map<String, String> metadata)
            throws SQLException {
        long rare = 1000;
        long fewest = rare + 1;
        NativeSql plan = plans.walk();
        var bound = new HashMap<>(values);
        bound.put("limit", (int) rare + 1);
        if (!((String) values.get("tag")).isEmpty()) {
            long carriers = count(connection, codec, plans.tagCount(), bound);
            if (carriers < fewest) {
                fewest = carriers;
                plan = plans.byTag();
            }
        }
        String key = null;
        for (var entry : new java.util.TreeMap<>(metadata).entrySet()) {
            bound.put("key", entry.getKey());
            bound.put("value", entry.getValue());
            long carriers = count(connection, codec, plans.metadataCount(), bound);
            if (carriers < fewest) {
                fewest = carriers;
                plan = plans.byMetadata();
                key = entry.getKey();
            }
        }
        var listValues = new HashMap<>(values);
        if (key != null) {
            listValues.put("key", key);
            listValues.put("value", metadata.get(key));
        }
        var ids = new ArrayList<UUID>();
        try (var statement = plan.prepare(connection, codec, listValues);
                var rows = statement.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            int idColumn = rows.findColumn("id");
            while (rows.next()) {
                for (int c = 1; c <= columns; c++) {
                    rows.getObject(c);
                }
                ids.add(codec.getId(rows, idColumn));
            }
        }
        var page = ids.size() > PAGE ? ids.subList(0, PAGE) : ids;
        if (!page.isEmpty()) {
            String sql = "SELECT ct.conversation_id, t.name FROM conversation_tag ct JOIN tag t ON t.id = ct.tag_id"
                    + " WHERE ct.conversation_id IN (" + String.join(", ", Collections.nCopies(page.size(), "?"))
                    + ")";
            try (var statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < page.size(); i++) {
                    codec.setId(statement, i + 1, page.get(i));
                }
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        codec.getId(rows, 1);
                        rows.getString(2);
                    }
                }
            }
        }
        return page.size();
    }

    // ---------------------------------------------------------------- shared

    private String load(String backend, Path export) throws Exception {
        return load(databases, backend, export, log);
    }

    /**
     * A new database of this backend with the data set loaded by plain JDBC batches (loading is
     * not what these scenarios measure). On PostgreSQL the tables are then analyzed, as
     * autovacuum does soon after a load in any deployment; SQLite keeps no statistics unless
     * asked, and Colloquy does not ask.
     */
    static String load(BenchDatabases databases, String backend, Path export, PrintStream log) throws Exception {
        String url = databases.fresh(backend);
        var settings = Scenarios.settings(url);
        try (var database = Database.open(settings)) {
            // the schema, migrated as the application does
        }
        long start = System.nanoTime();
        long rows =
                BulkData.rawInsert(url, export, settings.backend().connections().columns());
        if (backend.equals("postgres")) {
            try (var dataSources = RawJdbc.open(url);
                    var connection = dataSources.writer().getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
        }
        log.printf(
                "  loaded %,d rows from %s in %.1f s%n", rows, export.getFileName(), (System.nanoTime() - start) / 1e9);
        return url;
    }

    private Measurement latency(String scenario, String backend, String subject, Latencies latencies, int rows) {
        var measurement = Measurement.throughput(scenario, backend, subject, 1, latencies, 0, "query");
        log.printf(
                "  %-26s %-8s %-9s %3d rows  p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  (%d runs)%n",
                scenario,
                backend,
                subject,
                rows,
                measurement.p50(),
                measurement.p95(),
                measurement.p99(),
                measurement.operations());
        return measurement;
    }
}
