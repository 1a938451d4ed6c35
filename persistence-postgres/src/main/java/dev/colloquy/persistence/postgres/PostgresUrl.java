package dev.colloquy.persistence.postgres;

import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PostgreSQL server address parsed from any accepted URL form. Nothing here ever renders the
 * password; errors quote only the parts that cannot hold it.
 */
record PostgresUrl(
        String host,
        int port,
        String database,
        Optional<String> user,
        Secret password,
        Map<String, String> parameters) {

    static final int DEFAULT_PORT = 5432;
    static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** libpq parameters accepted in {@code postgres://} URLs, with the pgjdbc property each becomes. */
    private static final Map<String, String> LIBPQ_PARAMETERS = Map.of(
            "sslmode", "sslmode",
            "sslrootcert", "sslrootcert",
            "sslcert", "sslcert",
            "sslkey", "sslkey",
            "connect_timeout", "connectTimeout",
            "user", "user",
            "password", "password");

    static boolean claims(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgres://")
                || lower.startsWith("postgresql://")
                || lower.startsWith("jdbc:postgresql:");
    }

    static PostgresUrl parse(String setting, String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean jdbc = lower.startsWith("jdbc:postgresql:");
        String rest = url.substring(url.indexOf(':', jdbc ? "jdbc:".length() : 0) + 1);
        if (!rest.startsWith("//")) {
            throw new ConfigurationException(
                    setting, "a PostgreSQL URL starts with " + (jdbc ? "jdbc:postgresql://" : "postgres://") + "HOST");
        }
        rest = rest.substring(2);
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash + 1) : "";

        Optional<String> user = Optional.empty();
        Secret password = Secret.NONE;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String rawUser = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            if (!rawUser.isEmpty()) {
                user = Optional.of(decode(setting, rawUser, "user name"));
            }
            if (colon >= 0) {
                password = Secret.of(decode(setting, userInfo.substring(colon + 1), "password"));
            }
        }

        String host;
        String portText = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new ConfigurationException(setting, "has an IPv6 host without its closing ']'");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new ConfigurationException(setting, "has text after the IPv6 host: '" + after + "'");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon >= 0 ? authority.substring(0, colon) : authority;
            portText = colon >= 0 ? authority.substring(colon + 1) : "";
        }
        if (host.isEmpty()) {
            throw new ConfigurationException(
                    setting, "names no host; write for example postgres://user:password@localhost:5432/colloquy");
        }
        if (host.contains(",")) {
            throw new ConfigurationException(
                    setting, "lists several hosts; give one host (a load balancer or proxy address)");
        }
        int port = portText.isEmpty() ? DEFAULT_PORT : port(setting, portText);

        var parameters = new LinkedHashMap<String, String>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = equals >= 0 ? pair.substring(0, equals) : pair;
                String value = decode(setting, equals >= 0 ? pair.substring(equals + 1) : "", "parameter " + key);
                String property = jdbc ? key : LIBPQ_PARAMETERS.get(key);
                if (property == null) {
                    throw new ConfigurationException(
                            setting,
                            "has the unsupported parameter '" + key + "'; supported: "
                                    + String.join(", ", new TreeSet<>(LIBPQ_PARAMETERS.keySet())));
                }
                if (property.equals("password")) {
                    password = Secret.of(value);
                } else if (property.equals("user")) {
                    user = Optional.of(value);
                } else {
                    parameters.put(property, value);
                }
            }
        }
        String sslmode = parameters.get("sslmode");
        if (sslmode != null && !SSL_MODES.contains(sslmode)) {
            throw new ConfigurationException(
                    setting,
                    "has sslmode='" + sslmode + "'; expected one of " + String.join(", ", new TreeSet<>(SSL_MODES)));
        }
        if (parameters.containsKey("connectTimeout")) {
            port(setting, parameters.get("connectTimeout")); // a whole number of seconds
        }

        String database = decode(setting, path, "database name");
        if (database.isEmpty()) {
            database = user.orElseThrow(() -> new ConfigurationException(
                    setting, "names neither a database nor a user; add /DATABASE to the URL"));
        }
        if (database.contains("/")) {
            throw new ConfigurationException(setting, "has a '/' in the database name '" + database + "'");
        }
        return new PostgresUrl(host, port, database, user, password, parameters);
    }

    private static int port(String setting, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(setting, "has '" + text + "' where a number from 1 to 65535 belongs");
    }

    /** Percent-decoding as URLs use it ('+' stays a plus sign, unlike form encoding). */
    static String decode(String setting, String text, String what) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        var bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new ConfigurationException(setting, "has a broken percent-encoding in the " + what);
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    String location() {
        return host + ":" + port + "/" + database;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + encodePath(database);
    }

    private static String encodePath(String database) {
        var encoded = new StringBuilder();
        for (byte b : database.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    @Override
    public String toString() {
        return "PostgresUrl[" + location() + user.map(u -> " as " + u).orElse("") + "]";
    }
}
