package dev.colloquy.it.console;

import dev.colloquy.it.Fixtures;

/** The web console in Chromium against a real server over PostgreSQL. */
@Fixtures.ServerOn("postgres")
class PostgresConsoleTest implements ConsoleContract {}
