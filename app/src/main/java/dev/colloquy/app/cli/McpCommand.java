package dev.colloquy.app.cli;

import dev.colloquy.client.ColloquyClient;
import dev.colloquy.mcp.ClientMemory;
import dev.colloquy.mcp.ColloquyMcp;
import dev.colloquy.persistence.config.ConfigurationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a Colloquy server's memory to an agent over the Model Context Protocol on standard input and"
                    + " output (stdio): the tools search_memory, recall, remember and list_conversations, and"
                    + " conversation transcripts as resources. Runs until standard input ends.",
            "Talks to the server at --url (or COLLOQUY_URL) with the API token in COLLOQUY_TOKEN, within that"
                    + " token's project. Logs go to standard error only."
        })
public class McpCommand extends Subcommand {

    static final String URL = "COLLOQUY_URL";
    static final String TOKEN = "COLLOQUY_TOKEN";
    static final String DEFAULT_URL = "http://localhost:8080";

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "the Colloquy server's base URL (" + URL + ") [" + DEFAULT_URL + "]")
    String url;

    @Override
    public Integer call() throws InterruptedException {
        var environment = environment();
        String given = url != null ? url : environment.variables().getOrDefault(URL, DEFAULT_URL);
        String setting = url != null ? "--url" : URL;
        URI base;
        try {
            base = new URI(given);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(setting, "is not a URL: " + e.getReason());
        }
        if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
            throw new ConfigurationException(
                    setting, "must be an http:// or https:// URL with a host, was '" + given + "'");
        }
        String token = environment.variables().get(TOKEN);
        if (token == null || token.isBlank()) {
            throw new ConfigurationException(
                    TOKEN, "is required: the API token the agent acts with (its project is the agent's memory)");
        }
        var ended = new CountDownLatch(1);
        InputStream in = new FilterInputStream(environment.in()) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return ended(super.read(buffer, offset, length));
            }

            private int ended(int read) {
                if (read < 0) {
                    ended.countDown();
                }
                return read;
            }
        };
        String version = McpCommand.class.getPackage().getImplementationVersion();
        try (var client = ColloquyClient.builder(base).token(token.strip()).build()) {
            var server = ColloquyMcp.stdio(
                    new ClientMemory(client), in, environment.out(), version == null ? "development" : version);
            environment.err().println("Colloquy MCP server on stdio, for " + base);
            ended.await();
            server.closeGracefully();
        }
        return 0;
    }
}
