package dev.colloquy.app.config;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

/** What a command reads from and writes to: the process's own, or a test's. */
public record Environment(
        Map<String, String> variables,
        Properties systemProperties,
        PrintStream out,
        PrintStream err,
        InputStream in,
        boolean terminal) {

    /** Without standard input, not on a terminal. */
    public Environment(Map<String, String> variables, Properties systemProperties, PrintStream out, PrintStream err) {
        this(variables, systemProperties, out, err, InputStream.nullInputStream(), false);
    }

    public static Environment system() {
        return new Environment(
                System.getenv(), System.getProperties(), System.out, System.err, System.in, System.console() != null);
    }
}
