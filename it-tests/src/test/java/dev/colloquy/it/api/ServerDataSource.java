package dev.colloquy.it.api;

import dev.colloquy.persistence.spi.ConnectionTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A WildFly data source for Colloquy, defined as docs/deploy-war.md shows: the JDBC driver
 * installed as a server module (in a module folder of the test's own), the driver and the data
 * source declared in the datasources subsystem of the test's standalone.xml.
 */
final class ServerDataSource {

    private ServerDataSource() {}

    /** The test's module folder first, then the server's own. */
    static String modulePath(Path home, Path base) {
        return base.resolve("modules") + ":" + home.resolve("modules");
    }

    static void define(Path home, Path base, ConnectionTarget target) throws IOException {
        boolean sqlite = target.backend().equals("sqlite");
        Class<?> driver = load(sqlite ? "org.sqlite.JDBC" : "org.postgresql.Driver");
        String module = sqlite ? "org.xerial.sqlite-jdbc" : "org.postgresql";
        Path jar = Path.of(
                driver.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path folder = base.resolve("modules").resolve(module.replace('.', '/')).resolve("main");
        Files.createDirectories(folder);
        Files.copy(jar, folder.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(folder.resolve("module.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <module xmlns="urn:jboss:module:1.9" name="%s">
                  <resources>
                    <resource-root path="%s"/>
                  </resources>
                  <dependencies>
                    <module name="java.logging"/>
                    <module name="java.management"/>
                    <module name="java.naming"/>
                    <module name="java.security.jgss"/>
                    <module name="java.sql"/>
                    <module name="java.transaction.xa"/>
                    <module name="java.xml"/>
                    <module name="org.slf4j" optional="true"/>
                  </dependencies>
                </module>
                """.formatted(module, jar.getFileName()));
        String dataSource = sqlite ? sqliteDataSource(target) : postgresDataSource(target);
        String driverDeclaration = "<driver name=\"colloquy-" + target.backend() + "\" module=\"" + module
                + "\"><driver-class>" + driver.getName() + "</driver-class></driver>";
        Path configuration = base.resolve("configuration/standalone.xml");
        String xml = Files.readString(configuration);
        if (!xml.contains("<drivers>") || !xml.contains("</drivers>")) {
            throw new IllegalStateException("standalone.xml has no <drivers> in its datasources subsystem");
        }
        xml = xml.replace("<drivers>", dataSource + "\n<drivers>")
                .replace("</drivers>", driverDeclaration + "\n</drivers>");
        Files.writeString(configuration, xml);
    }

    private static String sqliteDataSource(ConnectionTarget target) {
        return """
                <datasource jndi-name="java:jboss/datasources/Colloquy" pool-name="Colloquy" jta="false">
                  <connection-url>jdbc:sqlite:%s</connection-url>
                  <driver>colloquy-sqlite</driver>
                  <connection-property name="journal_mode">WAL</connection-property>
                  <connection-property name="synchronous">FULL</connection-property>
                  <connection-property name="foreign_keys">true</connection-property>
                  <connection-property name="busy_timeout">5000</connection-property>
                  <connection-property name="date_class">INTEGER</connection-property>
                  <connection-property name="date_precision">MILLISECONDS</connection-property>
                  <pool><min-pool-size>0</min-pool-size><max-pool-size>4</max-pool-size></pool>
                </datasource>
                """.formatted(target.location());
    }

    private static String postgresDataSource(ConnectionTarget target) {
        return """
                <datasource jndi-name="java:jboss/datasources/Colloquy" pool-name="Colloquy" jta="false">
                  <connection-url>%s</connection-url>
                  <driver>colloquy-postgres</driver>
                  <connection-property name="ApplicationName">colloquy</connection-property>
                  <connection-property name="options">-c TimeZone=UTC -c lock_timeout=5000 -c statement_timeout=30000</connection-property>
                  <connection-property name="stringtype">unspecified</connection-property>
                  <connection-property name="logServerErrorDetail">false</connection-property>
                  <connection-property name="reWriteBatchedInserts">true</connection-property>
                  <connection-property name="tcpKeepAlive">true</connection-property>
                  <pool><min-pool-size>0</min-pool-size><max-pool-size>10</max-pool-size></pool>
                  <security user-name="%s"%s/>
                </datasource>
                """.formatted(
                        target.jdbcUrl().replace("&", "&amp;"),
                        target.user().orElseThrow(),
                        target.password().isEmpty()
                                ? ""
                                : " password=\"" + target.password().reveal() + "\"");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the test class path", e);
        }
    }
}
