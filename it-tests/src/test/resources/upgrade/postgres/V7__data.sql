-- Data as a version-7 PostgreSQL database holds it, written with SQL only (no Colloquy code).
-- Version 7: the project opted out of search by meaning.
INSERT INTO project (id, name, created_at, semantic_search)
VALUES ('0190a0c0-d0e0-7000-8000-00000000a001', 'upgrade-fixture', '2023-11-14T22:13:20Z', false);
INSERT INTO tag (id, project_id, name)
VALUES ('0190a0c0-d0e0-7000-8000-00000000a002', '0190a0c0-d0e0-7000-8000-00000000a001', 'legacy');
INSERT INTO conversation (id, project_id, client_key, title, search_title, metadata, message_count, last_seq, created_at, updated_at, version)
VALUES ('0190a0c0-d0e0-7000-8000-00000000a003', '0190a0c0-d0e0-7000-8000-00000000a001', 'legacy:key', 'Kept across upgrades', 'kept across upgrades',
        '{"origin":"v1","n":7}', 2, 2, '2023-11-14T22:13:20Z', '2023-11-14T22:13:21.234Z', 0);
INSERT INTO conversation_tag (conversation_id, tag_id)
VALUES ('0190a0c0-d0e0-7000-8000-00000000a003', '0190a0c0-d0e0-7000-8000-00000000a002');
INSERT INTO message (id, conversation_id, seq, role, content, search_text, metadata, created_at)
VALUES ('0190a0c0-d0e0-7000-8000-00000000a004', '0190a0c0-d0e0-7000-8000-00000000a003', 1, 'user',
        'Hello, upgraded world!', 'hello upgraded world', '{}', '2023-11-14T22:13:20.500Z'),
       ('0190a0c0-d0e0-7000-8000-00000000a005', '0190a0c0-d0e0-7000-8000-00000000a003', 2, 'assistant',
        'Still here.', 'still here', '{"model":"m-1"}', '2023-11-14T22:13:21.234Z');
INSERT INTO api_token (id, project_id, name, secret_hash, admin, created_at, expires_at, revoked_at, last_used_at)
VALUES ('0190a0c0-d0e0-7000-8000-00000000a006', '0190a0c0-d0e0-7000-8000-00000000a001', 'legacy-admin',
        'ce6e11eeeebbec0a933458b3c152d6c30857ca2e9901ac3f5f1a1b02ca86c248', true, '2023-11-14T22:13:20Z', NULL, NULL, NULL);
-- Version 6: a vector of a model no longer in use (two dimensions: 0.6, 0.8), and a claim of the
-- bundled model that ran out.
INSERT INTO message_embedding (message_id, model, project_id, conversation_id, role, created_at, dimensions,
                               vector, generation, claimed_until, embedded_at)
VALUES ('0190a0c0-d0e0-7000-8000-00000000a004', 'fixture-model', '0190a0c0-d0e0-7000-8000-00000000a001',
        '0190a0c0-d0e0-7000-8000-00000000a003', 'user', '2023-11-14T22:13:20.500Z', 2, '\x9a99193fcdcc4c3f'::bytea, 1,
        NULL, '2023-11-14T22:13:22Z'),
       ('0190a0c0-d0e0-7000-8000-00000000a005', 'all-minilm-l6-v2-q', '0190a0c0-d0e0-7000-8000-00000000a001',
        '0190a0c0-d0e0-7000-8000-00000000a003', 'assistant', '2023-11-14T22:13:21.234Z', 384, NULL, NULL,
        '2023-11-14T22:13:23Z', NULL);
INSERT INTO embedding_generation (project_id, model, generation)
VALUES ('0190a0c0-d0e0-7000-8000-00000000a001', 'fixture-model', 1);
