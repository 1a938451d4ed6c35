package dev.colloquy.it;

import dev.colloquy.domain.Limits;
import dev.colloquy.persistence.Database;

/** One open database per backend test class, on a fresh database, closed after the class. */
public final class BackendFixture implements AutoCloseable {

    private final String backend;
    private final TestClock clock = new TestClock();
    private final Database database;

    public BackendFixture(String backend) {
        this.backend = backend;
        this.database = Database.open(TestDatabases.fresh(backend), clock, Limits.DEFAULTS);
    }

    public Database database() {
        return database;
    }

    public TestClock clock() {
        return clock;
    }

    public String backend() {
        return backend;
    }

    @Override
    public void close() {
        database.close();
    }
}
