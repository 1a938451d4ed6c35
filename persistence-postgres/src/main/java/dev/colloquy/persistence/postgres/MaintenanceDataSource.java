package dev.colloquy.persistence.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.colloquy.persistence.spi.DelegatingDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The writer pool's connections without a statement timeout while borrowed (schema migrations
 * and index rebuilds may rightly run for minutes). Closing one runs {@code RESET
 * statement_timeout} before it goes back to the pool, which restores the timeout the connection
 * was opened with: requests never get a connection without it.
 */
final class MaintenanceDataSource extends DelegatingDataSource {

    MaintenanceDataSource(DataSource writer) {
        super(writer);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return unbounded(delegate().getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return unbounded(delegate().getConnection(user, password));
    }

    private Connection unbounded(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = 0");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(
                MaintenanceDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0 && !connection.isClosed()) {
                        try (Statement statement = connection.createStatement()) {
                            if (!connection.getAutoCommit()) {
                                connection.rollback(); // a failed transaction refuses the RESET
                            }
                            statement.execute("RESET statement_timeout");
                        } catch (SQLException e) {
                            // A connection whose timeout cannot be restored must not serve requests.
                            if (delegate().isWrapperFor(HikariDataSource.class)) {
                                delegate().unwrap(HikariDataSource.class).evictConnection(connection);
                                return null;
                            }
                        }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
