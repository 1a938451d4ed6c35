package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.spi.NativeQuery;

/** SQLite's native queries; each has a twin of the same meaning in the PostgreSQL backend. */
final class SqliteQueries {

    private SqliteQueries() {}

    /** Conversation {@code c} carries {@code :tag} (any when it is ''); the tag is looked up once. */
    private static final String TAG = """
                  AND (:tag = '' OR EXISTS (
                        SELECT 1 FROM conversation_tag ct
                        WHERE ct.conversation_id = c.id
                          AND ct.tag_id = (SELECT t.id FROM tag t WHERE t.project_id = :project AND t.name = :tag)))
                """;

    /**
     * Every filter of {@code :filters} holds on the metadata in {@code column}: a string equals the
     * text, a number has it as its JSON text ({@code column -> path}), a boolean is 'true' or
     * 'false'.
     */
    private static String metadataMatches(String column) {
        return """
                NOT EXISTS (
                        SELECT 1 FROM json_each(:filters) f
                        WHERE NOT coalesce(
                          CASE json_type(#, '$."' || f.key || '"')
                            WHEN 'text' THEN json_extract(#, '$."' || f.key || '"') = f.value
                            WHEN 'integer' THEN (# -> ('$."' || f.key || '"')) = f.value
                            WHEN 'real' THEN (# -> ('$."' || f.key || '"')) = f.value
                            WHEN 'true' THEN f.value = 'true'
                            WHEN 'false' THEN f.value = 'false'
                            ELSE 0
                          END, 0))""".replace("#", column);
    }

    /** A message search's filters after its plan's own (both plans). */
    private static final String MESSAGE_FILTERS = """
                  AND c.project_id = :project
                  AND (:role = '' OR m.role = :role)
                """ + TAG + """
                  AND m.created_at >= :since AND m.created_at < :until
                  AND (:byMetadata = 0 OR\s""" + metadataMatches("m.metadata") + """
                )
                """;

    /** The listing's filters after its plan's own, its order and its page (all three plans). */
    private static final String LIST_PAGE = """
                  AND c.updated_at >= :since
                  AND (c.updated_at < :cursorAt OR (c.updated_at = :cursorAt AND c.id > :cursorId))
                  AND\s""" + metadataMatches("c.metadata") + """

                ORDER BY c.updated_at DESC, c.id
                LIMIT :limit
                """;

    static String sql(NativeQuery query) {
        return switch (query) {
            // :query is an FTS5 expression rendered by Fts5Syntax, every word quoted. FTS5 returns
            // the matches by rowid, descending, straight from its index (no sort, nothing read
            // ahead); rowid order is nearly id order, and m.id_ceiling (the greatest id stored up to
            // this rowid, kept by a trigger) tells the reader when no later row can be newer.
            case MESSAGE_SEARCH -> """
                SELECT m.id AS id, m.search_text AS indexed_text, m.id_ceiling AS id_ceiling
                FROM message_fts
                JOIN message m ON m.rowid = message_fts.rowid
                JOIN conversation c ON c.id = m.conversation_id
                WHERE message_fts MATCH :query
                  AND (:byConversation = 0 OR m.conversation_id = :conversation)
                """ + MESSAGE_FILTERS + """
                ORDER BY message_fts.rowid DESC
                """;
            // SQLite's plans for the search statements do not change with the words (the full-text
            // index for a search, the conversation's index within one): nothing to ready.
            case SEARCH_PLANNING -> "SELECT 1";
            // The conversation's messages by their index, unsorted, those holding the word:
            // Colloquy matches their text (an FTS5 probe per message, by rowid, costs about 50 µs:
            // 34 ms for the 679 messages of the harness's conversation).
            case MESSAGE_SEARCH_IN_CONVERSATION -> """
                SELECT m.id AS id, m.search_text AS indexed_text, NULL AS id_ceiling
                FROM message m
                JOIN conversation c ON c.id = m.conversation_id
                WHERE m.conversation_id = :conversation
                  AND instr(m.search_text, :word) > 0
                """ + MESSAGE_FILTERS;
            // The project's conversations, their messages by the conversation's index, each vector
            // by its key.
            case MESSAGE_SIMILAR -> """
                SELECT m.id AS id, e.vector AS vector
                FROM conversation c
                JOIN message m ON m.conversation_id = c.id
                JOIN message_embedding e ON e.message_id = m.id AND e.model = :model
                WHERE e.vector IS NOT NULL
                """ + MESSAGE_FILTERS;
            case MESSAGE_SIMILAR_IN_CONVERSATION -> """
                SELECT m.id AS id, e.vector AS vector
                FROM message m
                JOIN conversation c ON c.id = m.conversation_id
                JOIN message_embedding e ON e.message_id = m.id AND e.model = :model
                WHERE m.conversation_id = :conversation
                  AND e.vector IS NOT NULL
                """ + MESSAGE_FILTERS;
            case EMBEDDING_CLAIM -> """
                INSERT INTO message_embedding (message_id, model, project_id, conversation_id, role, created_at,
                                               dimensions, vector, generation, claimed_until, embedded_at)
                SELECT m.id, :model, c.project_id, m.conversation_id, m.role, m.created_at,
                       :dimensions, NULL, NULL, :until, NULL
                FROM message m JOIN conversation c ON c.id = m.conversation_id
                WHERE m.id = :message
                ON CONFLICT (message_id, model) DO NOTHING
                """;
            case EMBEDDING_STORE -> """
                UPDATE message_embedding
                SET vector = :vector, embedded_at = :now, claimed_until = NULL,
                    generation = (SELECT g.generation FROM embedding_generation g
                                  WHERE g.project_id = message_embedding.project_id AND g.model = message_embedding.model)
                WHERE message_id = :message AND model = :model AND vector IS NULL
                """;
            case EMBEDDING_GENERATION_RAISE -> """
                INSERT INTO embedding_generation (project_id, model, generation) VALUES (:project, :model, 1)
                ON CONFLICT (project_id, model) DO UPDATE SET generation = generation + 1
                """;
            case CONVERSATION_SEARCH_TITLES -> """
                SELECT c.id AS id, c.search_title AS indexed_text, c.id AS id_ceiling
                FROM conversation_fts
                JOIN conversation c ON c.rowid = conversation_fts.rowid
                WHERE conversation_fts MATCH :query
                  AND c.project_id = :project
                  AND (:byConversation = 0 OR c.id = :conversation)
                """ + TAG + """
                  AND c.created_at >= :since AND c.created_at < :until
                ORDER BY c.id DESC
                LIMIT :limit
                """;
            case CONVERSATION_LIST -> """
                SELECT c.* FROM conversation c
                WHERE c.project_id = :project
                """ + TAG + LIST_PAGE;
            // The driven plans: CROSS JOIN keeps its left table (the tag's or the value's rows, read
            // by their index) as SQLite's outer loop, so those few rows drive, not the walk of the
            // project's conversations.
            case CONVERSATION_LIST_BY_TAG -> """
                SELECT c.* FROM conversation_tag ct
                CROSS JOIN conversation c ON c.id = ct.conversation_id
                WHERE ct.tag_id = (SELECT t.id FROM tag t WHERE t.project_id = :project AND t.name = :tag)
                  AND c.project_id = :project
                """ + LIST_PAGE;
            case CONVERSATION_LIST_BY_METADATA -> """
                SELECT c.* FROM conversation_metadata cm
                CROSS JOIN conversation c ON c.id = cm.conversation_id
                WHERE cm.project_id = :project AND cm.key = CAST(:key AS text)
                  AND cm.value_key = substr(CAST(:value AS text), 1, 200) AND cm.value = CAST(:value AS text)
                  AND c.project_id = :project
                """ + TAG + LIST_PAGE;
            case TAG_INSERT_IF_ABSENT -> """
                INSERT INTO tag (id, project_id, name) VALUES (:id, :project, :name)
                ON CONFLICT (project_id, name) DO NOTHING
                """;
            case CONVERSATION_INSERT_KEY_IF_ABSENT -> """
                INSERT INTO conversation (id, project_id, client_key, title, search_title, metadata,
                                          message_count, last_seq, created_at, updated_at, version)
                VALUES (:id, :project, :key, NULL, '', '{}', 0, 0, :now, :now, 0)
                ON CONFLICT (project_id, client_key) WHERE client_key IS NOT NULL DO NOTHING
                """;
        };
    }
}
