package dev.colloquy.it.adapters;

import dev.colloquy.it.Fixtures;

/** The framework adapters against a real server over PostgreSQL. */
@Fixtures.ServerOn("postgres")
class PostgresAdaptersTest implements LangChain4jContract, SpringAiContract {}
