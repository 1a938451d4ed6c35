package dev.colloquy.it.mcp;

import dev.colloquy.it.Fixtures;

/** The MCP server against a real server over PostgreSQL. */
@Fixtures.ServerOn("postgres")
class PostgresMcpTest implements McpContract {}
