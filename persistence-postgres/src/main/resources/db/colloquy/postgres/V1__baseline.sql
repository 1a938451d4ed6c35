-- Colloquy schema, version 1, PostgreSQL.
-- Same tables, columns and keys as the SQLite V1, in native types: uuid ids, timestamptz
-- instants (the application stores milliseconds), jsonb metadata, and generated tsvectors over
-- message.search_text and conversation.search_title (text normalized in Java) with GIN indexes.

CREATE TABLE project (
    id         uuid        NOT NULL PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT project_name_key UNIQUE (name)
);

CREATE TABLE conversation (
    id            uuid        NOT NULL PRIMARY KEY,
    project_id    uuid        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    title         text,
    search_title  text        NOT NULL,
    metadata      jsonb       NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
    message_count integer     NOT NULL CHECK (message_count >= 0),
    last_seq      integer     NOT NULL CHECK (last_seq >= 0),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL,
    title_vector  tsvector    GENERATED ALWAYS AS (to_tsvector('simple', search_title)) STORED
);
CREATE INDEX conversation_project_updated ON conversation (project_id, updated_at DESC, id);
CREATE INDEX conversation_updated ON conversation (updated_at);
CREATE INDEX conversation_metadata ON conversation USING gin (metadata jsonb_path_ops);
CREATE INDEX conversation_title_search ON conversation USING gin (title_vector);

CREATE TABLE tag (
    id         uuid NOT NULL PRIMARY KEY,
    project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    name       text NOT NULL,
    CONSTRAINT tag_project_name_key UNIQUE (project_id, name)
);

CREATE TABLE conversation_tag (
    conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    tag_id          uuid NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    PRIMARY KEY (conversation_id, tag_id)
);
CREATE INDEX conversation_tag_tag ON conversation_tag (tag_id);

CREATE TABLE message (
    id              uuid        NOT NULL PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq             integer     NOT NULL CHECK (seq >= 1),
    role            text        NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content         text        NOT NULL,
    search_text     text        NOT NULL,
    metadata        jsonb       NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
    created_at      timestamptz NOT NULL,
    search_vector   tsvector    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
    CONSTRAINT message_conversation_seq_key UNIQUE (conversation_id, seq)
);
CREATE INDEX message_search ON message USING gin (search_vector);

CREATE TABLE api_token (
    id           uuid        NOT NULL PRIMARY KEY,
    project_id   uuid        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    secret_hash  text        NOT NULL,
    admin        boolean     NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    CONSTRAINT api_token_secret_hash_key UNIQUE (secret_hash)
);
CREATE INDEX api_token_project ON api_token (project_id);
