-- Colloquy schema, version 5, SQLite: the newest matches of a search read from the full-text
-- index without sorting every match. Same columns and keys as the PostgreSQL V5, plus this
-- column, which belongs to SQLite's search index as message_fts does.
--
-- FTS5 returns a word's matches by rowid (descending, straight from its index), and a search
-- ranks the newest matches by id. Rowids follow the order messages were stored in, which is id
-- order nearly everywhere (not after two writers raced, or an import of older messages).
-- message.id_ceiling is the greatest id among the messages stored up to this one's rowid: no
-- message with a smaller rowid has a greater id, so a reader walking rowids downwards can stop as
-- soon as it holds enough matches newer than the ceiling. A deleted message leaves the ceilings
-- after it as they were: still a bound, if a loose one.
ALTER TABLE message ADD COLUMN id_ceiling BLOB
    CHECK (id_ceiling IS NULL OR (typeof(id_ceiling) = 'blob' AND length(id_ceiling) = 16));

-- Every message stored before this version: the running greatest id in rowid order.
UPDATE message SET id_ceiling = ceilings.ceiling
FROM (SELECT rowid AS stored, max(id) OVER (ORDER BY rowid ROWS UNBOUNDED PRECEDING) AS ceiling
      FROM message) AS ceilings
WHERE message.rowid = ceilings.stored;

-- Every message stored from now on: its own id or the ceiling of the message stored before it,
-- whichever is greater (BLOBs compare byte by byte, as ids are ordered).
CREATE TRIGGER message_id_ceiling AFTER INSERT ON message BEGIN
    UPDATE message
    SET id_ceiling = max(new.id, coalesce(
            (SELECT before.id_ceiling FROM message before
             WHERE before.rowid < new.rowid ORDER BY before.rowid DESC LIMIT 1),
            new.id))
    WHERE rowid = new.rowid;
END;
