-- Colloquy schema, version 1, SQLite.
-- Same tables, columns and keys as the PostgreSQL V1; SQLite-specific storage:
--   ids        16-byte BLOBs (UUIDs, assigned by the application)
--   instants   INTEGER milliseconds since the epoch, UTC (declared TIMESTAMP for Hibernate's
--              validation; the CHECKs pin the storage class so no text timestamp slips in)
--   metadata   JSON text, checked by json_valid
--   search     FTS5 indexes over message.search_text and conversation.search_title, kept in
--              step by triggers
-- auto_vacuum=INCREMENTAL is set by the backend before this file runs (it must precede the
-- first table, and Flyway's history table comes first).

CREATE TABLE project (
    id         BLOB      NOT NULL PRIMARY KEY CHECK (typeof(id) = 'blob' AND length(id) = 16),
    name       TEXT      NOT NULL,
    created_at TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    CONSTRAINT project_name_key UNIQUE (name)
);

CREATE TABLE conversation (
    id            BLOB      NOT NULL PRIMARY KEY CHECK (typeof(id) = 'blob' AND length(id) = 16),
    project_id    BLOB      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    title         TEXT,
    search_title  TEXT      NOT NULL,
    metadata      TEXT      NOT NULL CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
    message_count INTEGER   NOT NULL CHECK (message_count >= 0),
    last_seq      INTEGER   NOT NULL CHECK (last_seq >= 0),
    created_at    TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    updated_at    TIMESTAMP NOT NULL CHECK (typeof(updated_at) = 'integer'),
    version       BIGINT    NOT NULL
);
CREATE INDEX conversation_project_updated ON conversation (project_id, updated_at DESC, id);
CREATE INDEX conversation_updated ON conversation (updated_at);

CREATE TABLE tag (
    id         BLOB NOT NULL PRIMARY KEY CHECK (typeof(id) = 'blob' AND length(id) = 16),
    project_id BLOB NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    CONSTRAINT tag_project_name_key UNIQUE (project_id, name)
);

CREATE TABLE conversation_tag (
    conversation_id BLOB NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    tag_id          BLOB NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    PRIMARY KEY (conversation_id, tag_id)
);
CREATE INDEX conversation_tag_tag ON conversation_tag (tag_id);

CREATE TABLE message (
    id              BLOB      NOT NULL PRIMARY KEY CHECK (typeof(id) = 'blob' AND length(id) = 16),
    conversation_id BLOB      NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq             INTEGER   NOT NULL CHECK (seq >= 1),
    role            TEXT      NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content         TEXT      NOT NULL,
    search_text     TEXT      NOT NULL,
    metadata        TEXT      NOT NULL CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
    created_at      TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    CONSTRAINT message_conversation_seq_key UNIQUE (conversation_id, seq)
);

CREATE TABLE api_token (
    id           BLOB      NOT NULL PRIMARY KEY CHECK (typeof(id) = 'blob' AND length(id) = 16),
    project_id   BLOB      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    name         TEXT      NOT NULL,
    secret_hash  TEXT      NOT NULL,
    admin        BOOLEAN   NOT NULL CHECK (admin IN (0, 1)),
    created_at   TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    expires_at   TIMESTAMP CHECK (expires_at IS NULL OR typeof(expires_at) = 'integer'),
    revoked_at   TIMESTAMP CHECK (revoked_at IS NULL OR typeof(revoked_at) = 'integer'),
    last_used_at TIMESTAMP CHECK (last_used_at IS NULL OR typeof(last_used_at) = 'integer'),
    CONSTRAINT api_token_secret_hash_key UNIQUE (secret_hash)
);
CREATE INDEX api_token_project ON api_token (project_id);

-- The text is normalized in Java (SearchText) before it is stored, so the tokenizer only splits
-- on spaces and folds nothing further; diacritics are already gone.
CREATE VIRTUAL TABLE message_fts USING fts5(
    search_text,
    content = 'message',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN
    INSERT INTO message_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN
    INSERT INTO message_fts (message_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;

CREATE TRIGGER message_fts_update AFTER UPDATE OF search_text ON message BEGIN
    INSERT INTO message_fts (message_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO message_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE VIRTUAL TABLE conversation_fts USING fts5(
    search_title,
    content = 'conversation',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER conversation_fts_insert AFTER INSERT ON conversation BEGIN
    INSERT INTO conversation_fts (rowid, search_title) VALUES (new.rowid, new.search_title);
END;

CREATE TRIGGER conversation_fts_delete AFTER DELETE ON conversation BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, search_title) VALUES ('delete', old.rowid, old.search_title);
END;

CREATE TRIGGER conversation_fts_update AFTER UPDATE OF search_title ON conversation BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, search_title) VALUES ('delete', old.rowid, old.search_title);
    INSERT INTO conversation_fts (rowid, search_title) VALUES (new.rowid, new.search_title);
END;
