-- Colloquy schema, version 6, SQLite: the vectors of semantic search. Same columns and keys as the
-- PostgreSQL V6.
--
-- message_embedding: one row per message and embedding model. While a message waits for its
-- vector the row is a claim: vector NULL, claimed_until the time an indexer may hold it to (a
-- claim past it is taken over by the next indexer). Once embedded: vector holds `dimensions`
-- 32-bit floats, little-endian, of unit length, claimed_until is NULL and generation is the
-- project's embedding generation that stored it. The message's project, conversation, role and
-- time are copied from it when it is claimed (a message never changes), so that a search by
-- meaning reads one table. A message with no row of the model in use waits for its vector.
-- Derived data: copy and export leave it out and the target embeds the messages again.
CREATE TABLE message_embedding (
    message_id      BLOB      NOT NULL REFERENCES message (id) ON DELETE CASCADE
                              CHECK (typeof(message_id) = 'blob' AND length(message_id) = 16),
    model           TEXT      NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
    project_id      BLOB      NOT NULL CHECK (typeof(project_id) = 'blob' AND length(project_id) = 16),
    conversation_id BLOB      NOT NULL CHECK (typeof(conversation_id) = 'blob' AND length(conversation_id) = 16),
    role            TEXT      NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    created_at      TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    dimensions      INTEGER   NOT NULL CHECK (dimensions BETWEEN 1 AND 8192),
    vector          BLOB      CHECK (vector IS NULL OR (typeof(vector) = 'blob' AND length(vector) = 4 * dimensions)),
    generation      BIGINT    CHECK (generation IS NULL OR generation >= 1),
    claimed_until   TIMESTAMP CHECK (claimed_until IS NULL OR typeof(claimed_until) = 'integer'),
    embedded_at     TIMESTAMP CHECK (embedded_at IS NULL OR typeof(embedded_at) = 'integer'),
    CHECK ((vector IS NULL) = (embedded_at IS NULL) AND (vector IS NULL) = (generation IS NULL)),
    PRIMARY KEY (message_id, model)
);
-- The claims of a model whose time ran out, found without reading the vectors.
CREATE INDEX message_embedding_claim ON message_embedding (model, claimed_until) WHERE vector IS NULL;
-- A project's vectors of a model, and those stored since a generation.
CREATE INDEX message_embedding_project ON message_embedding (project_id, model, generation);

-- embedding_generation: per project and model, a number raised by every transaction that stores
-- vectors of the project (the row is locked until it commits, so generations commit in order): a
-- server that holds a project's vectors in memory reads this one row to know whether any were
-- stored since, and then reads only those.
CREATE TABLE embedding_generation (
    project_id BLOB   NOT NULL REFERENCES project (id) ON DELETE CASCADE
                      CHECK (typeof(project_id) = 'blob' AND length(project_id) = 16),
    model      TEXT   NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
    generation BIGINT NOT NULL CHECK (generation >= 1),
    PRIMARY KEY (project_id, model)
);
