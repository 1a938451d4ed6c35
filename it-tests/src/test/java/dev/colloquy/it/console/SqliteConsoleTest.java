package dev.colloquy.it.console;

import dev.colloquy.it.Fixtures;

/** The web console in Chromium against a real server over a SQLite file. */
@Fixtures.ServerOn("sqlite")
class SqliteConsoleTest implements ConsoleContract {}
