package dev.colloquy.it.mcp;

import dev.colloquy.it.Fixtures;

/** The MCP server against a real server over a SQLite file. */
@Fixtures.ServerOn("sqlite")
class SqliteMcpTest implements McpContract {}
