-- Colloquy schema, version 3, SQLite: conversation metadata as (key, value) rows, so that a
-- listing filtered by a rare metadata value is served by an index. Same table, columns and keys
-- as the PostgreSQL V3.
--
-- One row per top-level key of a conversation's metadata whose value a filter can match (a
-- string, a number or a boolean), holding the text a filter compares: a string's value, a number's
-- JSON text, 'true' or 'false'. value_key is its first 200 characters, the indexed part (a value
-- may be long). Triggers keep the rows in step with conversation.metadata, so every writer (the
-- stores, copy, import) keeps them alike; the conversation's deletion takes them with it.

CREATE TABLE conversation_metadata (
    conversation_id BLOB NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    project_id      BLOB NOT NULL,
    value           TEXT NOT NULL,
    value_key       TEXT NOT NULL,
    PRIMARY KEY (conversation_id, key)
) WITHOUT ROWID;
CREATE INDEX conversation_metadata_value ON conversation_metadata (project_id, key, value_key);

-- A number's text is the JSON text the listing's filter compares (metadata -> path).
CREATE TRIGGER conversation_metadata_insert AFTER INSERT ON conversation BEGIN
    INSERT OR REPLACE INTO conversation_metadata (conversation_id, key, project_id, value, value_key)
    SELECT new.id, j.key, new.project_id, j.value, substr(j.value, 1, 200)
    FROM (SELECT key,
                 CASE type
                     WHEN 'text' THEN value
                     WHEN 'true' THEN 'true'
                     WHEN 'false' THEN 'false'
                     ELSE new.metadata -> fullkey
                 END AS value
          FROM json_each(new.metadata)
          WHERE type IN ('text', 'integer', 'real', 'true', 'false')) j;
END;

CREATE TRIGGER conversation_metadata_update AFTER UPDATE OF metadata ON conversation BEGIN
    DELETE FROM conversation_metadata WHERE conversation_id = old.id;
    INSERT OR REPLACE INTO conversation_metadata (conversation_id, key, project_id, value, value_key)
    SELECT new.id, j.key, new.project_id, j.value, substr(j.value, 1, 200)
    FROM (SELECT key,
                 CASE type
                     WHEN 'text' THEN value
                     WHEN 'true' THEN 'true'
                     WHEN 'false' THEN 'false'
                     ELSE new.metadata -> fullkey
                 END AS value
          FROM json_each(new.metadata)
          WHERE type IN ('text', 'integer', 'real', 'true', 'false')) j;
END;

-- The conversations stored before this version.
INSERT INTO conversation_metadata (conversation_id, key, project_id, value, value_key)
SELECT c.id, j.key, c.project_id,
       CASE j.type
           WHEN 'text' THEN j.value
           WHEN 'true' THEN 'true'
           WHEN 'false' THEN 'false'
           ELSE c.metadata -> j.fullkey
       END,
       substr(CASE j.type
                  WHEN 'text' THEN j.value
                  WHEN 'true' THEN 'true'
                  WHEN 'false' THEN 'false'
                  ELSE c.metadata -> j.fullkey
              END, 1, 200)
FROM conversation c, json_each(c.metadata) j
WHERE j.type IN ('text', 'integer', 'real', 'true', 'false');
