-- Colloquy schema, version 3, PostgreSQL: conversation metadata as (key, value) rows, so that a
-- listing filtered by a rare metadata value is served by an index. Same table, columns and keys
-- as the SQLite V3.
--
-- One row per top-level key of a conversation's metadata whose value a filter can match (a
-- string, a number or a boolean), holding the text a filter compares (metadata ->> key).
-- value_key is its first 200 characters, the indexed part (a value may be long, and a B-tree
-- entry may not). A trigger keeps the rows in step with conversation.metadata, so every writer
-- (the stores, copy, import) keeps them alike; the conversation's deletion takes them with it.

-- Version 1's GIN index on conversation.metadata served no query (the listing's filter never took
-- its containment form) and cost every write; it also held this table's name.
DROP INDEX conversation_metadata;

CREATE TABLE conversation_metadata (
    conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    key             text NOT NULL,
    project_id      uuid NOT NULL,
    value           text NOT NULL,
    value_key       text NOT NULL,
    PRIMARY KEY (conversation_id, key)
);
CREATE INDEX conversation_metadata_value ON conversation_metadata (project_id, key, value_key);

CREATE FUNCTION conversation_metadata_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM conversation_metadata WHERE conversation_id = OLD.id;
    END IF;
    INSERT INTO conversation_metadata (conversation_id, key, project_id, value, value_key)
    SELECT NEW.id, j.key, NEW.project_id, NEW.metadata ->> j.key, substr(NEW.metadata ->> j.key, 1, 200)
    FROM jsonb_each(NEW.metadata) j
    WHERE jsonb_typeof(j.value) IN ('string', 'number', 'boolean');
    RETURN NULL;
END
$$;

CREATE TRIGGER conversation_metadata_sync
    AFTER INSERT OR UPDATE OF metadata ON conversation
    FOR EACH ROW EXECUTE FUNCTION conversation_metadata_sync();

-- The conversations stored before this version.
INSERT INTO conversation_metadata (conversation_id, key, project_id, value, value_key)
SELECT c.id, j.key, c.project_id, c.metadata ->> j.key, substr(c.metadata ->> j.key, 1, 200)
FROM conversation c, jsonb_each(c.metadata) j
WHERE jsonb_typeof(j.value) IN ('string', 'number', 'boolean');
