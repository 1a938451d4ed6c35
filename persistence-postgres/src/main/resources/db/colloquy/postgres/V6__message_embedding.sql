-- Colloquy schema, version 6, PostgreSQL: the vectors of semantic search. Same columns and keys as
-- the SQLite V6.
--
-- message_embedding: one row per message and embedding model. While a message waits for its
-- vector the row is a claim: vector NULL, claimed_until the time an indexer may hold it to (a
-- claim past it is taken over by the next indexer). Once embedded: vector holds `dimensions`
-- 32-bit floats, little-endian, of unit length, and claimed_until is NULL. A message with no row
-- of the model in use waits for its vector. Derived data: copy and export leave it out and the
-- target embeds the messages again.
CREATE TABLE message_embedding (
    message_id    uuid        NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    model         text        NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
    dimensions    integer     NOT NULL CHECK (dimensions BETWEEN 1 AND 8192),
    vector        bytea       CHECK (vector IS NULL OR length(vector) = 4 * dimensions),
    claimed_until timestamptz,
    embedded_at   timestamptz,
    CHECK ((vector IS NULL) = (embedded_at IS NULL)),
    PRIMARY KEY (message_id, model)
);
-- The claims of a model whose time ran out, found without reading the vectors.
CREATE INDEX message_embedding_claim ON message_embedding (model, claimed_until) WHERE vector IS NULL;
