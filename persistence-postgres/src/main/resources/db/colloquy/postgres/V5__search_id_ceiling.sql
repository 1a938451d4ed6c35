-- Colloquy schema, version 5, PostgreSQL: nothing changes here. SQLite's version 5 adds a column
-- to its own search index (message.id_ceiling, see the SQLite V5); PostgreSQL's search reads its
-- matches by id and needs no such column. This version keeps both backends' schema versions, and
-- the versions copy, verify and export compare, the same.
SELECT 1;
