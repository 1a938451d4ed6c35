-- Colloquy schema, version 7, PostgreSQL: whether a project's messages are embedded and searched by
-- meaning (true, the default) or not (false: the project opted out; its vectors kept are not
-- searched).
ALTER TABLE project ADD COLUMN semantic_search boolean NOT NULL DEFAULT true;
