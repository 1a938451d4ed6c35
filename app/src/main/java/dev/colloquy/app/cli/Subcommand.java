package dev.colloquy.app.cli;

import dev.colloquy.app.config.Environment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command under {@code colloquy}, at any depth: it reads its settings from, and writes to, the
 * environment the command line was given.
 */
abstract class Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where the command reads its settings from and writes its output to. */
    Environment environment() {
        return ((ColloquyCommand) spec.root().userObject()).environment;
    }
}
