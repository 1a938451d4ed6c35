package dev.colloquy.app;

import dev.colloquy.app.cli.ColloquyCommand;
import dev.colloquy.app.cli.Environment;

/** {@code java -jar colloquy.jar <command>}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = ColloquyCommand.run(Environment.system(), args);
        if (code != 0 || !ColloquyCommand.keepsRunning(args)) {
            System.exit(code);
        }
    }
}
