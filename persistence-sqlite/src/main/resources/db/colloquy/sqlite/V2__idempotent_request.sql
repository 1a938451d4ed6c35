-- Colloquy schema, version 2, SQLite: the kept answers of writes made with an Idempotency-Key.
-- Same table, columns and keys as the PostgreSQL V2, in the storage classes of V1.
-- A key is unique per token; an answer goes with its token and with its conversation.

CREATE TABLE idempotent_request (
    id              BLOB      NOT NULL PRIMARY KEY CHECK (typeof(id) = 'blob' AND length(id) = 16),
    token_id        BLOB      NOT NULL REFERENCES api_token (id) ON DELETE CASCADE,
    idempotency_key TEXT      NOT NULL,
    fingerprint     TEXT      NOT NULL,
    conversation_id BLOB      NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    status          INTEGER   NOT NULL CHECK (status BETWEEN 200 AND 299),
    location        TEXT,
    body            TEXT      NOT NULL,
    created_at      TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    CONSTRAINT idempotent_request_token_key UNIQUE (token_id, idempotency_key)
);
CREATE INDEX idempotent_request_conversation ON idempotent_request (conversation_id);
CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
