package dev.colloquy.it.architecture.cycle.a;

import dev.colloquy.it.architecture.cycle.b.Right;

/** One half of a deliberate package cycle that ArchitectureTest's cycle rule must refuse. */
public final class Left {

    private Left() {}

    public static Right other() {
        return Right.create();
    }

    public static Left create() {
        return new Left();
    }
}
