-- Colloquy schema, version 7, SQLite: whether a project's messages are embedded and searched by
-- meaning (1, the default) or not (0: the project opted out; its vectors kept are not searched).
ALTER TABLE project ADD COLUMN semantic_search BOOLEAN NOT NULL DEFAULT 1 CHECK (semantic_search IN (0, 1));
