-- Colloquy schema, version 4, SQLite: conversations keyed by the client, and messages that carry
-- more than text. Same columns and keys as the PostgreSQL V4.
--
-- conversation.client_key: the client's own key for a conversation (its rules are the
-- application's: 1 to 200 ASCII characters), unique within the project; NULL for none, which any
-- number of conversations may have. Compared and ordered byte by byte (BINARY), as on PostgreSQL
-- (COLLATE "C").
ALTER TABLE conversation ADD COLUMN client_key TEXT
    CHECK (client_key IS NULL OR length(client_key) BETWEEN 1 AND 200);
CREATE UNIQUE INDEX conversation_client_key ON conversation (project_id, client_key)
    WHERE client_key IS NOT NULL;

-- message.extras: the message's name, content parts, tool calls and tool results as a JSON
-- object, and "textless": true for a message without text (content then holds ''); NULL for a
-- message with text and nothing else.
ALTER TABLE message ADD COLUMN extras TEXT
    CHECK (extras IS NULL OR (json_valid(extras) AND json_type(extras) = 'object'));
