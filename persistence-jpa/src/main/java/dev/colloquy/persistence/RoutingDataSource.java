package dev.colloquy.persistence;

import dev.colloquy.persistence.spi.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Hands out a writer connection inside a writing unit of work and a reader connection otherwise, so
 * a backend can serialize writers on one connection while readers run beside it.
 */
final class RoutingDataSource extends DelegatingDataSource {

    private static final ThreadLocal<Boolean> WRITING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final DataSource writer;
    private final DataSource reader;

    RoutingDataSource(DataSource writer, DataSource reader) {
        super(reader);
        this.writer = writer;
        this.reader = reader;
    }

    static <T> T writing(boolean write, Supplier<T> work) {
        boolean outer = WRITING.get();
        WRITING.set(write || outer);
        try {
            return work.get();
        } finally {
            WRITING.set(outer);
        }
    }

    private DataSource current() {
        return WRITING.get() ? writer : reader;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return current().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current().getConnection(username, password);
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return current().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || current().isWrapperFor(type);
    }
}
