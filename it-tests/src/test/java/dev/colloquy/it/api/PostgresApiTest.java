package dev.colloquy.it.api;

import dev.colloquy.it.Fixtures;

/** The HTTP API on a real server over a real PostgreSQL. */
@Fixtures.ServerOn("postgres")
class PostgresApiTest
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
