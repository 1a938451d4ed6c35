package dev.colloquy.it.architecture.cycle.b;

import dev.colloquy.it.architecture.cycle.a.Left;

/** The other half of the deliberate package cycle. */
public final class Right {

    private Right() {}

    public static Left other() {
        return Left.create();
    }

    public static Right create() {
        return new Right();
    }
}
