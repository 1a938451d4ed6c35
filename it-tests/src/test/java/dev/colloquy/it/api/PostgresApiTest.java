package dev.colloquy.it.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The HTTP API on a real server over a real PostgreSQL. */
class PostgresApiTest implements ApiContract, BadRequestContract, MalformedRequestContract, GeneratedClientContract {

    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture("postgres");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Override
    public ServerFixture server() {
        return fixture;
    }
}
