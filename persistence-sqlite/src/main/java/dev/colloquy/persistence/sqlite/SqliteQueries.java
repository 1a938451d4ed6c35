package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.spi.NativeQuery;

/** SQLite's native queries; each has a twin of the same meaning in the PostgreSQL backend. */
final class SqliteQueries {

    private SqliteQueries() {}

    /** The listing's tag filter, when its plan does not start from the tag. */
    private static final String LIST_TAG = """
                  AND (:tag = '' OR EXISTS (
                        SELECT 1 FROM conversation_tag ct
                        WHERE ct.conversation_id = c.id
                          AND ct.tag_id = (SELECT t.id FROM tag t WHERE t.project_id = :project AND t.name = :tag)))
                """;

    /** The listing's remaining filters, its order and its page, common to its three plans. */
    private static final String LIST_PAGE = """
                  AND c.updated_at >= :since
                  AND (c.updated_at < :cursorAt OR (c.updated_at = :cursorAt AND c.id > :cursorId))
                  AND NOT EXISTS (
                        SELECT 1 FROM json_each(:filters) f
                        WHERE NOT coalesce(
                          CASE json_type(c.metadata, '$."' || f.key || '"')
                            WHEN 'text' THEN json_extract(c.metadata, '$."' || f.key || '"') = f.value
                            WHEN 'integer' THEN (c.metadata -> ('$."' || f.key || '"')) = f.value
                            WHEN 'real' THEN (c.metadata -> ('$."' || f.key || '"')) = f.value
                            WHEN 'true' THEN f.value = 'true'
                            WHEN 'false' THEN f.value = 'false'
                            ELSE 0
                          END, 0))
                ORDER BY c.updated_at DESC, c.id
                LIMIT :limit
                """;

    static String sql(NativeQuery query) {
        return switch (query) {
            // :query is an FTS5 expression rendered by Fts5Syntax, every word quoted.
            case MESSAGE_SEARCH -> """
                SELECT m.id AS id, m.search_text AS indexed_text
                FROM message_fts
                JOIN message m ON m.rowid = message_fts.rowid
                JOIN conversation c ON c.id = m.conversation_id
                WHERE message_fts MATCH :query
                  AND c.project_id = :project
                  AND (:role = '' OR m.role = :role)
                  AND (:byConversation = 0 OR m.conversation_id = :conversation)
                  AND (:tag = '' OR EXISTS (
                        SELECT 1 FROM conversation_tag ct
                        WHERE ct.conversation_id = c.id
                          AND ct.tag_id = (SELECT t.id FROM tag t WHERE t.project_id = :project AND t.name = :tag)))
                  AND m.created_at >= :since AND m.created_at < :until
                  AND (:byMetadata = 0 OR NOT EXISTS (
                        SELECT 1 FROM json_each(:filters) f
                        WHERE NOT coalesce(
                          CASE json_type(m.metadata, '$."' || f.key || '"')
                            WHEN 'text' THEN json_extract(m.metadata, '$."' || f.key || '"') = f.value
                            WHEN 'integer' THEN (m.metadata -> ('$."' || f.key || '"')) = f.value
                            WHEN 'real' THEN (m.metadata -> ('$."' || f.key || '"')) = f.value
                            WHEN 'true' THEN f.value = 'true'
                            WHEN 'false' THEN f.value = 'false'
                            ELSE 0
                          END, 0)))
                ORDER BY m.id DESC
                LIMIT :limit
                """;
            // The conversation's messages by their index, each tested against FTS5 by rowid and
            // MATCH (CROSS JOIN keeps the messages as the outer loop): a few milliseconds for a
            // conversation of a hundred messages, even for a word in every message of the data set.
            case MESSAGE_SEARCH_IN_CONVERSATION -> """
                SELECT m.id AS id, m.search_text AS indexed_text
                FROM message m
                CROSS JOIN message_fts ON message_fts.rowid = m.rowid
                JOIN conversation c ON c.id = m.conversation_id
                WHERE m.conversation_id = :conversation AND :byConversation = 1
                  AND message_fts MATCH :query
                  AND c.project_id = :project
                  AND (:role = '' OR m.role = :role)
                  AND (:tag = '' OR EXISTS (
                        SELECT 1 FROM conversation_tag ct
                        WHERE ct.conversation_id = c.id
                          AND ct.tag_id = (SELECT t.id FROM tag t WHERE t.project_id = :project AND t.name = :tag)))
                  AND m.created_at >= :since AND m.created_at < :until
                  AND (:byMetadata = 0 OR NOT EXISTS (
                        SELECT 1 FROM json_each(:filters) f
                        WHERE NOT coalesce(
                          CASE json_type(m.metadata, '$."' || f.key || '"')
                            WHEN 'text' THEN json_extract(m.metadata, '$."' || f.key || '"') = f.value
                            WHEN 'integer' THEN (m.metadata -> ('$."' || f.key || '"')) = f.value
                            WHEN 'real' THEN (m.metadata -> ('$."' || f.key || '"')) = f.value
                            WHEN 'true' THEN f.value = 'true'
                            WHEN 'false' THEN f.value = 'false'
                            ELSE 0
                          END, 0)))
                ORDER BY m.id DESC
                LIMIT :limit
                """;
            case CONVERSATION_SEARCH_TITLES -> """
                SELECT c.id AS id, c.search_title AS indexed_text
                FROM conversation_fts
                JOIN conversation c ON c.rowid = conversation_fts.rowid
                WHERE conversation_fts MATCH :query
                  AND c.project_id = :project
                  AND (:byConversation = 0 OR c.id = :conversation)
                  AND (:tag = '' OR EXISTS (
                        SELECT 1 FROM conversation_tag ct
                        WHERE ct.conversation_id = c.id
                          AND ct.tag_id = (SELECT t.id FROM tag t WHERE t.project_id = :project AND t.name = :tag)))
                  AND c.created_at >= :since AND c.created_at < :until
                ORDER BY c.id DESC
                LIMIT :limit
                """;
            // JSON numbers compare by their JSON text (c.metadata -> path), strings by their value.
            case CONVERSATION_LIST -> """
                SELECT c.* FROM conversation c
                WHERE c.project_id = :project
                """ + LIST_TAG + LIST_PAGE;
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
                """ + LIST_TAG + LIST_PAGE;
            case TAG_INSERT_IF_ABSENT -> """
                INSERT INTO tag (id, project_id, name) VALUES (:id, :project, :name)
                ON CONFLICT (project_id, name) DO NOTHING
                """;
        };
    }
}
