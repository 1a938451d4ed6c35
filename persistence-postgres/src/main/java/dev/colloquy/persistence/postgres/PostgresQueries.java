package dev.colloquy.persistence.postgres;

import dev.colloquy.persistence.spi.NativeQuery;

/**
 * PostgreSQL's native queries; each has a twin of the same meaning in the SQLite backend.
 * Parameters are cast where PostgreSQL cannot infer their type (the driver sends strings untyped).
 */
final class PostgresQueries {

    private PostgresQueries() {}

    /**
     * Conversation {@code c} carries {@code :tag} (any when it is ''); the tag is looked up once.
     * The EXISTS ends with OFFSET 0 so that PostgreSQL probes each row it walks (a primary-key
     * lookup) instead of hashing every conversation carrying the tag first ("hashed SubPlan":
     * 40,000 rows for a tag on 40 % of 100,000 conversations, 20 ms against under 1 ms).
     */
    private static final String TAG = """
                  AND (CAST(:tag AS text) = '' OR EXISTS (
                        SELECT 1 FROM conversation_tag ct
                        WHERE ct.conversation_id = c.id
                          AND ct.tag_id = (SELECT t.id FROM tag t WHERE t.project_id = :project AND t.name = CAST(:tag AS text))
                        OFFSET 0))
                """;

    /** Every filter of {@code :filters} holds on the metadata in {@code column} ({@code column ->> key}). */
    private static String metadataMatches(String column) {
        return """
                NOT EXISTS (
                        SELECT 1 FROM jsonb_each_text(CAST(:filters AS jsonb)) f
                        WHERE NOT coalesce(
                          jsonb_typeof(# -> f.key) IN ('string', 'number', 'boolean')
                            AND (# ->> f.key) = f.value, false))""".replace("#", column);
    }

    /** A message search's filters after its plan's own (both plans). */
    private static final String MESSAGE_FILTERS = """
                  AND c.project_id = :project
                  AND (CAST(:role AS text) = '' OR m.role = CAST(:role AS text))
                """ + TAG + """
                  AND m.created_at >= :since AND m.created_at < :until
                  AND (CAST(:byMetadata AS integer) = 0 OR\s""" + metadataMatches("m.metadata") + """
                )
                """;

    /** The listing's filters after its plan's own, its order and its page (all three plans). */
    private static final String LIST_PAGE = """
                  AND c.updated_at >= :since
                  AND (c.updated_at < :cursorAt OR (c.updated_at = :cursorAt AND c.id > :cursorId))
                  AND\s""" + metadataMatches("c.metadata") + """

                ORDER BY c.updated_at DESC, c.id
                LIMIT CAST(:limit AS integer)
                """;

    static String sql(NativeQuery query) {
        return switch (query) {
            // :query is a tsquery rendered by TsQuerySyntax, every word quoted. The rows come by
            // id, so each is its own ceiling; LIMIT lets the planner walk the primary key backwards
            // for a common word.
            case MESSAGE_SEARCH -> """
                SELECT m.id AS id, m.search_text AS indexed_text, m.id AS id_ceiling
                FROM message m
                JOIN conversation c ON c.id = m.conversation_id
                WHERE m.search_vector @@ to_tsquery('simple', CAST(:query AS text))
                  AND (CAST(:byConversation AS integer) = 0 OR m.conversation_id = :conversation)
                """ + MESSAGE_FILTERS + """
                ORDER BY m.id DESC
                LIMIT CAST(:limit AS integer)
                """;
            // Each statement of the transaction planned for its words: a generic plan (which a
            // server-side prepared statement gets after five runs, when it seems no dearer than the
            // custom ones so far) estimates every word as one of unknown frequency, so it walks the
            // primary key for a rare word too, or reads every match of a common one through the index.
            case SEARCH_PLANNING -> "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)";
            // The conversation's messages by its index, unsorted, those holding the word: Colloquy
            // matches their text. With the full-text condition here as well, the planner ANDed the
            // conversation's index with the full-text index, whose cost it underestimates for a
            // common word: 52 ms reading 114,209 matches of "error" for the 108 among the
            // conversation's 679 messages, against about 1 ms for reading the 679. strpos, which
            // no index serves, only spares sending the rows without the word.
            case MESSAGE_SEARCH_IN_CONVERSATION -> """
                SELECT m.id AS id, m.search_text AS indexed_text, CAST(NULL AS uuid) AS id_ceiling
                FROM message m
                JOIN conversation c ON c.id = m.conversation_id
                WHERE m.conversation_id = :conversation
                  AND strpos(m.search_text, CAST(:word AS text)) > 0
                """ + MESSAGE_FILTERS;
            case MESSAGE_SIMILAR -> """
                SELECT m.id AS id, e.vector AS vector
                FROM conversation c
                JOIN message m ON m.conversation_id = c.id
                JOIN message_embedding e ON e.message_id = m.id AND e.model = CAST(:model AS text)
                WHERE e.vector IS NOT NULL
                """ + MESSAGE_FILTERS;
            case MESSAGE_SIMILAR_IN_CONVERSATION -> """
                SELECT m.id AS id, e.vector AS vector
                FROM message m
                JOIN conversation c ON c.id = m.conversation_id
                JOIN message_embedding e ON e.message_id = m.id AND e.model = CAST(:model AS text)
                WHERE m.conversation_id = :conversation
                  AND e.vector IS NOT NULL
                """ + MESSAGE_FILTERS;
            case EMBEDDING_CLAIM -> """
                INSERT INTO message_embedding (message_id, model, project_id, conversation_id, role, created_at,
                                               dimensions, vector, generation, claimed_until, embedded_at)
                SELECT m.id, CAST(:model AS text), c.project_id, m.conversation_id, m.role, m.created_at,
                       CAST(:dimensions AS integer), NULL, NULL, :until, NULL
                FROM message m JOIN conversation c ON c.id = m.conversation_id
                WHERE m.id = :message
                ON CONFLICT (message_id, model) DO NOTHING
                """;
            case EMBEDDING_STORE -> """
                UPDATE message_embedding
                SET vector = :vector, embedded_at = :now, claimed_until = NULL,
                    generation = (SELECT g.generation FROM embedding_generation g
                                  WHERE g.project_id = message_embedding.project_id AND g.model = message_embedding.model)
                WHERE message_id = :message AND model = CAST(:model AS text) AND vector IS NULL
                """;
            case EMBEDDING_GENERATION_RAISE -> """
                INSERT INTO embedding_generation (project_id, model, generation) VALUES (:project, CAST(:model AS text), 1)
                ON CONFLICT (project_id, model) DO UPDATE SET generation = embedding_generation.generation + 1
                """;
            case CONVERSATION_SEARCH_TITLES -> """
                SELECT c.id AS id, c.search_title AS indexed_text, c.id AS id_ceiling
                FROM conversation c
                WHERE c.title_vector @@ to_tsquery('simple', CAST(:query AS text))
                  AND c.project_id = :project
                  AND (CAST(:byConversation AS integer) = 0 OR c.id = :conversation)
                """ + TAG + """
                  AND c.created_at >= :since AND c.created_at < :until
                ORDER BY c.id DESC
                LIMIT CAST(:limit AS integer)
                """;
            case CONVERSATION_LIST -> """
                SELECT c.* FROM conversation c
                WHERE c.project_id = :project
                """ + TAG + LIST_PAGE;
            case CONVERSATION_LIST_BY_TAG -> """
                SELECT c.* FROM conversation_tag ct
                JOIN conversation c ON c.id = ct.conversation_id
                WHERE ct.tag_id = (SELECT t.id FROM tag t WHERE t.project_id = :project AND t.name = CAST(:tag AS text))
                  AND c.project_id = :project
                """ + LIST_PAGE;
            case CONVERSATION_LIST_BY_METADATA -> """
                SELECT c.* FROM conversation_metadata cm
                JOIN conversation c ON c.id = cm.conversation_id
                WHERE cm.project_id = :project AND cm.key = CAST(:key AS text)
                  AND cm.value_key = substr(CAST(:value AS text), 1, 200) AND cm.value = CAST(:value AS text)
                  AND c.project_id = :project
                """ + TAG + LIST_PAGE;
            case TAG_INSERT_IF_ABSENT -> """
                INSERT INTO tag (id, project_id, name) VALUES (:id, :project, CAST(:name AS text))
                ON CONFLICT (project_id, name) DO NOTHING
                """;
            case CONVERSATION_INSERT_KEY_IF_ABSENT -> """
                INSERT INTO conversation (id, project_id, client_key, title, search_title, metadata,
                                          message_count, last_seq, created_at, updated_at, version)
                VALUES (:id, :project, CAST(:key AS text), NULL, '', '{}', 0, 0, :now, :now, 0)
                ON CONFLICT (project_id, client_key) WHERE client_key IS NOT NULL DO NOTHING
                """;
        };
    }
}
