package dev.colloquy.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out a writer connection inside a writing unit of work and a reader connection otherwise, so
 * a backend can serialize writers on one connection while readers run beside it.
 */
final class RoutingDataSource implements DataSource {

    private static final ThreadLocal<Boolean> WRITING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final DataSource writer;
    private final DataSource reader;

    RoutingDataSource(DataSource writer, DataSource reader) {
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
    public PrintWriter getLogWriter() throws SQLException {
        return reader.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        reader.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        reader.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return reader.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
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
