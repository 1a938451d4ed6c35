package dev.colloquy.persistence;

import dev.colloquy.persistence.config.ConfigurationException;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;
import javax.sql.DataSource;

/** Data sources an application server provides, found by their JNDI name ({@code DATABASE_JNDI}). */
final class ServerDataSources {

    private ServerDataSources() {}

    static DataSource lookup(String name) {
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NoInitialContextException e) {
            throw new ConfigurationException(
                    DatabaseSettings.DATABASE_JNDI,
                    "there is no JNDI naming in this process: the setting applies to the WAR in an application"
                            + " server; elsewhere name the database with DATABASE_URL");
        } catch (NameNotFoundException e) {
            throw new ConfigurationException(
                    DatabaseSettings.DATABASE_JNDI, "the application server has no data source named " + name);
        } catch (NamingException e) {
            throw new ConfigurationException(
                    DatabaseSettings.DATABASE_JNDI, "could not look up " + name + ": " + e.getMessage());
        }
        if (found instanceof DataSource dataSource) {
            return dataSource;
        }
        throw new ConfigurationException(
                DatabaseSettings.DATABASE_JNDI,
                name + " is a " + (found == null ? "null" : found.getClass().getName()) + ", not a DataSource");
    }

    /** The read-only commands open a database by its URL: they run outside any application server. */
    static void refuse(DatabaseSettings settings) {
        settings.dataSource().ifPresent(name -> {
            throw new ConfigurationException(
                    DatabaseSettings.DATABASE_JNDI,
                    "applies to the WAR in an application server; check, copy, verify and export name the"
                            + " database with DATABASE_URL");
        });
    }
}
