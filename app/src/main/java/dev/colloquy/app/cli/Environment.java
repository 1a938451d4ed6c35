package dev.colloquy.app.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

/** What a command reads from and writes to: the process's own, or a test's. */
public record Environment(
        Map<String, String> variables, Properties systemProperties, PrintStream out, PrintStream err) {

    public static Environment system() {
        return new Environment(System.getenv(), System.getProperties(), System.out, System.err);
    }
}
