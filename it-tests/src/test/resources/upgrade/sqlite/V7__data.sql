-- Data as a version-7 SQLite database holds it, written with SQL only (no Colloquy code):
-- 16-byte blob ids, epoch-millisecond instants, JSON text, normalized search text.
-- Version 7: the project opted out of search by meaning.
INSERT INTO project (id, name, created_at, semantic_search)
VALUES (X'0190a0c0d0e07000800000000000a001', 'upgrade-fixture', 1700000000000, 0);
INSERT INTO tag (id, project_id, name)
VALUES (X'0190a0c0d0e07000800000000000a002', X'0190a0c0d0e07000800000000000a001', 'legacy');
INSERT INTO conversation (id, project_id, client_key, title, search_title, metadata, message_count, last_seq, created_at, updated_at, version)
VALUES (X'0190a0c0d0e07000800000000000a003', X'0190a0c0d0e07000800000000000a001', 'legacy:key', 'Kept across upgrades', 'kept across upgrades',
        '{"origin":"v1","n":7}', 2, 2, 1700000000000, 1700000001234, 0);
INSERT INTO conversation_tag (conversation_id, tag_id)
VALUES (X'0190a0c0d0e07000800000000000a003', X'0190a0c0d0e07000800000000000a002');
INSERT INTO message (id, conversation_id, seq, role, content, search_text, metadata, created_at)
VALUES (X'0190a0c0d0e07000800000000000a004', X'0190a0c0d0e07000800000000000a003', 1, 'user',
        'Hello, upgraded world!', 'hello upgraded world', '{}', 1700000000500),
       (X'0190a0c0d0e07000800000000000a005', X'0190a0c0d0e07000800000000000a003', 2, 'assistant',
        'Still here.', 'still here', '{"model":"m-1"}', 1700000001234);
INSERT INTO api_token (id, project_id, name, secret_hash, admin, created_at, expires_at, revoked_at, last_used_at)
VALUES (X'0190a0c0d0e07000800000000000a006', X'0190a0c0d0e07000800000000000a001', 'legacy-admin',
        'ce6e11eeeebbec0a933458b3c152d6c30857ca2e9901ac3f5f1a1b02ca86c248', 1, 1700000000000, NULL, NULL, NULL);
-- Version 6: a vector of a model no longer in use (two dimensions: 0.6, 0.8), and a claim of the
-- bundled model that ran out.
INSERT INTO message_embedding (message_id, model, project_id, conversation_id, role, created_at, dimensions,
                               vector, generation, claimed_until, embedded_at)
VALUES (X'0190a0c0d0e07000800000000000a004', 'fixture-model', X'0190a0c0d0e07000800000000000a001',
        X'0190a0c0d0e07000800000000000a003', 'user', 1700000000500, 2, X'9A99193FCDCC4C3F', 1, NULL, 1700000002000),
       (X'0190a0c0d0e07000800000000000a005', 'all-minilm-l6-v2-q', X'0190a0c0d0e07000800000000000a001',
        X'0190a0c0d0e07000800000000000a003', 'assistant', 1700000001234, 384, NULL, NULL, 1700000003000, NULL);
INSERT INTO embedding_generation (project_id, model, generation)
VALUES (X'0190a0c0d0e07000800000000000a001', 'fixture-model', 1);
