package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.spi.DelegatingDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Writer connections whose transactions are run by plain {@code BEGIN IMMEDIATE}, {@code COMMIT}
 * and {@code ROLLBACK} statements, with the state kept here, while the driver itself always stays
 * in auto-commit mode.
 *
 * <p>sqlite-jdbc 3.54 runs a transaction's {@code COMMIT} and then, in the same call, the next
 * transaction's {@code BEGIN} (likewise after {@code ROLLBACK}), and records auto-commit as off
 * before its {@code BEGIN} has succeeded. With another process holding the write lock, that
 * second {@code BEGIN} waits out the busy timeout and fails, so {@code commit()} reports a failure
 * for a transaction that is already stored; and a failed {@code BEGIN} leaves a connection that
 * claims a transaction while each statement commits alone. Here, {@code commit()} succeeds exactly
 * when the {@code COMMIT} did, a failed {@code BEGIN} leaves the connection in auto-commit, and
 * nothing begins a transaction but the caller.
 *
 * <p>JDBC's rules hold: {@code setAutoCommit(false)} begins ({@code IMMEDIATE}, taking the write
 * lock), {@code setAutoCommit(true)} during a transaction commits it, {@code commit()} and {@code
 * rollback()} in auto-commit mode fail, and after them the connection stays in manual commit.
 */
final class ExplicitTransactions extends DelegatingDataSource {

    ExplicitTransactions(DataSource driver) {
        super(driver);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate().getConnection(username, password));
    }

    private static Connection wrap(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return (Connection) Proxy.newProxyInstance(
                ExplicitTransactions.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new Handler(connection));
    }

    /** The transaction state of one connection, and the calls that change it. */
    private static final class Handler implements InvocationHandler {

        private final Connection connection;
        private boolean autoCommit = true;
        private boolean inTransaction;

        Handler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    if (!on && autoCommit) {
                        run("BEGIN IMMEDIATE"); // a failure leaves the connection as it was
                        inTransaction = true;
                        autoCommit = false;
                    } else if (on && !autoCommit) {
                        autoCommit = true;
                        if (inTransaction) {
                            end("COMMIT");
                        }
                    }
                    return null;
                }
                case "getAutoCommit" -> {
                    return autoCommit;
                }
                case "commit" -> {
                    requireTransaction("commit");
                    end("COMMIT");
                    next();
                    return null;
                }
                case "rollback" -> {
                    if (args != null && args.length > 0) {
                        throw new SQLFeatureNotSupportedException("savepoints are not used");
                    }
                    requireTransaction("roll back");
                    end("ROLLBACK");
                    next();
                    return null;
                }
                case "unwrap" -> {
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : connection.unwrap((Class<?>) args[0]);
                }
                case "isWrapperFor" -> {
                    return ((Class<?>) args[0]).isInstance(proxy) || connection.isWrapperFor((Class<?>) args[0]);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "ExplicitTransactions[" + connection + (inTransaction ? ", in a transaction]" : "]");
                }
                default -> {
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }

        private void requireTransaction(String what) throws SQLException {
            if (autoCommit || !inTransaction) {
                throw new SQLException("cannot " + what + ": no transaction is active");
            }
        }

        /**
         * Ends the transaction. Whether it succeeds or fails, the connection is taken to be out of
         * the transaction; after a failure its state is unknown and the pool discards it.
         */
        private void end(String statement) throws SQLException {
            inTransaction = false;
            run(statement);
        }

        /**
         * Still in manual commit after a commit or rollback, the next statements belong to a new
         * transaction. It begins DEFERRED: that takes no lock and cannot wait, so a commit that
         * succeeded is never reported as failed; callers here set auto-commit back at once.
         */
        private void next() {
            try {
                run("BEGIN");
                inTransaction = true;
            } catch (SQLException e) {
                inTransaction = false; // the next commit() says that no transaction is active
            }
        }

        private void run(String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
