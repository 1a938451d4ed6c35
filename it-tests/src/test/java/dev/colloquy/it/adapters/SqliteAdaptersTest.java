package dev.colloquy.it.adapters;

import dev.colloquy.it.Fixtures;

/** The framework adapters against a real server over a SQLite file. */
@Fixtures.ServerOn("sqlite")
class SqliteAdaptersTest implements LangChain4jContract, SpringAiContract {}
