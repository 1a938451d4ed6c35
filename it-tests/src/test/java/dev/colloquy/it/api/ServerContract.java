package dev.colloquy.it.api;

import dev.colloquy.it.Fixtures;

/** What every HTTP contract needs: the server under test, of the backend the class names. */
public interface ServerContract {

    /** The running server of the backend this test class runs on ({@link Fixtures.ServerOn}). */
    default ServerFixture server() {
        return Fixtures.server(getClass());
    }
}
