-- Colloquy schema, version 2, PostgreSQL: the kept answers of writes made with an
-- Idempotency-Key. Same table, columns and keys as the SQLite V2.
-- A key is unique per token; an answer goes with its token and with its conversation.

CREATE TABLE idempotent_request (
    id              uuid        NOT NULL PRIMARY KEY,
    token_id        uuid        NOT NULL REFERENCES api_token (id) ON DELETE CASCADE,
    idempotency_key text        NOT NULL,
    fingerprint     text        NOT NULL,
    conversation_id uuid        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    status          integer     NOT NULL CHECK (status BETWEEN 200 AND 299),
    location        text,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT idempotent_request_token_key UNIQUE (token_id, idempotency_key)
);
CREATE INDEX idempotent_request_conversation ON idempotent_request (conversation_id);
CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
