package dev.colloquy.transfer;

import static dev.colloquy.transfer.Column.atLeast;
import static dev.colloquy.transfer.Column.of;
import static dev.colloquy.transfer.Column.reference;

import dev.colloquy.message.MessageEntity;
import dev.colloquy.message.StoredExtras;
import dev.colloquy.search.SearchText;
import java.util.List;
import java.util.Map;

/**
 * Every table that holds data, parents before children: the order rows are copied in, so that a
 * row's references exist when it arrives. Schema migrations that add a column add it here too;
 * the schema parity test compares this list with both schemas.
 */
public final class Tables {

    public static final Table PROJECT = new Table(
            "project",
            List.of(
                    of("id", Kind.ID),
                    of("name", Kind.TEXT),
                    of("created_at", Kind.INSTANT),
                    of("semantic_search", Kind.BOOLEAN)),
            List.of("id"),
            Map.of());

    public static final Table TAG = new Table(
            "tag",
            List.of(of("id", Kind.ID), reference("project_id", "project"), of("name", Kind.TAG_NAME)),
            List.of("id"),
            Map.of());

    public static final Table CONVERSATION = new Table(
            "conversation",
            List.of(
                    of("id", Kind.ID),
                    reference("project_id", "project"),
                    of("client_key", Kind.OPTIONAL_KEY),
                    of("title", Kind.OPTIONAL_TEXT),
                    of("metadata", Kind.JSON_OBJECT),
                    atLeast("message_count", Kind.INTEGER, 0),
                    atLeast("last_seq", Kind.INTEGER, 0),
                    of("created_at", Kind.INSTANT),
                    of("updated_at", Kind.INSTANT),
                    of("version", Kind.LONG)),
            List.of("id"),
            Map.of(
                    "search_title",
                    row -> SearchText.normalize(row.get("title") == null ? "" : (String) row.get("title"))));

    public static final Table CONVERSATION_TAG = new Table(
            "conversation_tag",
            List.of(reference("conversation_id", "conversation"), reference("tag_id", "tag")),
            List.of("conversation_id", "tag_id"),
            Map.of());

    public static final Table MESSAGE = new Table(
            "message",
            List.of(
                    of("id", Kind.ID),
                    reference("conversation_id", "conversation"),
                    atLeast("seq", Kind.INTEGER, 1),
                    of("role", Kind.ROLE),
                    of("content", Kind.TEXT),
                    of("metadata", Kind.JSON_OBJECT),
                    of("created_at", Kind.INSTANT),
                    of("extras", Kind.OPTIONAL_EXTRAS)),
            List.of("id"),
            Map.of("search_text", Tables::messageSearchText));

    public static final Table API_TOKEN = new Table(
            "api_token",
            List.of(
                    of("id", Kind.ID),
                    reference("project_id", "project"),
                    of("name", Kind.TEXT),
                    of("secret_hash", Kind.TEXT),
                    of("admin", Kind.BOOLEAN),
                    of("created_at", Kind.INSTANT),
                    of("expires_at", Kind.OPTIONAL_INSTANT),
                    of("revoked_at", Kind.OPTIONAL_INSTANT),
                    of("last_used_at", Kind.OPTIONAL_INSTANT)),
            List.of("id"),
            Map.of());

    /**
     * The kept answers of writes made with an Idempotency-Key: copied, verified, exported and
     * imported like the rest, so that a client retrying across a move between databases still
     * gets its first answer.
     */
    public static final Table IDEMPOTENT_REQUEST = new Table(
            "idempotent_request",
            List.of(
                    of("id", Kind.ID),
                    reference("token_id", "api_token"),
                    of("idempotency_key", Kind.TEXT),
                    of("fingerprint", Kind.TEXT),
                    reference("conversation_id", "conversation"),
                    atLeast("status", Kind.INTEGER, 200),
                    of("location", Kind.OPTIONAL_TEXT),
                    of("body", Kind.TEXT),
                    of("created_at", Kind.INSTANT)),
            List.of("id"),
            Map.of());

    /** A message's search text as the store computes it: from its content and extras. */
    private static String messageSearchText(Row row) {
        var stored = StoredExtras.parse("extras", (String) row.get("extras"));
        String content = stored.textless() ? null : (String) row.get("content");
        return MessageEntity.searchText(content, stored.extras());
    }

    /** Parents before children. */
    public static final List<Table> ALL =
            List.of(PROJECT, TAG, API_TOKEN, CONVERSATION, CONVERSATION_TAG, MESSAGE, IDEMPOTENT_REQUEST);

    private Tables() {}
}
