package dev.colloquy.it.api;

import dev.colloquy.it.Fixtures;

/** The HTTP API on a real server over a SQLite file. */
@Fixtures.ServerOn("sqlite")
class SqliteApiTest
        implements ApiContract,
                KeyedApiContract,
                ClientContract,
                MetricsContract,
                IdempotencyApiContract,
                RequestIdContract,
                CompressionContract,
                ConditionalRequestContract,
                BadRequestContract,
                MalformedRequestContract,
                GeneratedClientContract,
                FuzzContract {}
