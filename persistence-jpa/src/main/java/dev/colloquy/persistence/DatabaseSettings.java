package dev.colloquy.persistence;

import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.MigrateMode;
import dev.colloquy.persistence.config.PoolSettings;
import dev.colloquy.persistence.config.Secret;
import dev.colloquy.persistence.config.SettingHelp;
import dev.colloquy.persistence.config.Settings;
import dev.colloquy.persistence.spi.Backends;
import dev.colloquy.persistence.spi.ConnectionTarget;
import dev.colloquy.persistence.spi.DatabaseBackend;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The database settings of one run, resolved from the {@code DB_*} and {@code DATABASE_*}
 * settings and the backends' own. Every contradiction stops here with a {@link
 * ConfigurationException} naming the setting.
 *
 * @param backend the backend that serves the database
 * @param target where it connects
 * @param pool the pool settings, the backend's defaults overridden by {@code DB_POOL_*}
 * @param startupTimeout how long startup waits for an unreachable database ({@code DB_STARTUP_TIMEOUT})
 * @param migrate what startup does about pending migrations ({@code DB_MIGRATE})
 * @param dataSource the JNDI name of a data source the application server provides ({@code
 *     DATABASE_JNDI}); when present, its pool serves the database instead of Colloquy's own, and
 *     {@code target} is only known once a connection names it (see {@link #reachedAt})
 */
public record DatabaseSettings(
        DatabaseBackend backend,
        ConnectionTarget target,
        PoolSettings pool,
        Duration startupTimeout,
        MigrateMode migrate,
        Optional<String> dataSource) {

    /** Settings for a database Colloquy pools itself. */
    public DatabaseSettings(
            DatabaseBackend backend,
            ConnectionTarget target,
            PoolSettings pool,
            Duration startupTimeout,
            MigrateMode migrate) {
        this(backend, target, pool, startupTimeout, migrate, Optional.empty());
    }

    public static final String DB_DRIVER = "DB_DRIVER";
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String DB_STARTUP_TIMEOUT = "DB_STARTUP_TIMEOUT";
    public static final String DB_MIGRATE = "DB_MIGRATE";
    public static final String DATABASE_JNDI = "DATABASE_JNDI";
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The settings every backend reads, besides its own, in the order help shows them; each
     * command that opens a database takes them as flags too.
     */
    public static final List<SettingHelp> SHARED = List.of(
            new SettingHelp(DB_DRIVER, "DRIVER", "the database kind, one of the installed backends"),
            new SettingHelp(DATABASE_URL, "URL", "the database URL"),
            new SettingHelp(
                    DATABASE_JNDI,
                    "NAME",
                    "in an application server: the java: name of a data source it provides, used instead of"
                            + " Colloquy's own pool (needs DB_DRIVER)"),
            new SettingHelp(PoolSettings.MAX_SIZE, "N", "most pooled connections"),
            new SettingHelp(PoolSettings.MIN_IDLE, "N", "idle connections kept"),
            new SettingHelp(PoolSettings.CONNECT_TIMEOUT, "DURATION", "wait for a pooled connection"),
            new SettingHelp(PoolSettings.MAX_LIFETIME, "DURATION", "connection lifetime"),
            new SettingHelp(DB_STARTUP_TIMEOUT, "DURATION", "how long to wait for the database [60s]"),
            new SettingHelp(DB_MIGRATE, "MODE", "auto, validate or off [auto]"));

    public static DatabaseSettings resolve(Settings settings, Backends backends) {
        var driver = settings.get(DB_DRIVER).map(name -> name.toLowerCase(Locale.ROOT));
        var named = driver.map(name -> backends.named(name)
                .orElseThrow(() -> new ConfigurationException(
                        DB_DRIVER, "unknown driver '" + name + "'; expected one of " + backends.names())));

        DatabaseBackend backend;
        ConnectionTarget target;
        var url = settings.get(DATABASE_URL);
        var jndi = settings.get(DATABASE_JNDI);
        if (jndi.isPresent()) {
            if (url.isPresent()) {
                throw new ConfigurationException(
                        DATABASE_JNDI, "names a data source, and DATABASE_URL a database; remove one of them");
            }
            if (!jndi.get().startsWith("java:")) {
                throw new ConfigurationException(
                        DATABASE_JNDI,
                        "must be a java: name such as java:jboss/datasources/Colloquy, was '" + jndi.get() + "'");
            }
            backend = named.orElseThrow(() -> new ConfigurationException(
                    DATABASE_JNDI,
                    "needs DB_DRIVER (one of " + backends.names() + ") to say which database the data source reaches"));
            rejectPathSettings(settings, backends.defaultBackend(), "DATABASE_JNDI is set too");
            // Where it is, a connection tells (reachedAt); until then the name stands for it.
            target = new ConnectionTarget(
                    backend.name(), "", Optional.empty(), Secret.NONE, "data source " + jndi.get(), Map.of());
        } else if (url.isPresent()) {
            backend = backends.claiming(url.get())
                    .orElseThrow(() -> new ConfigurationException(
                            DATABASE_URL,
                            "unsupported URL '" + schemeOf(url.get()) + "...'; expected one of "
                                    + backends.urlForms()));
            if (named.isPresent() && named.get() != backend) {
                throw new ConfigurationException(
                        DB_DRIVER,
                        "is '" + named.get().name() + "' but DATABASE_URL names a " + backend.productName()
                                + " database; change or remove one of them");
            }
            rejectPathSettings(settings, backends.defaultBackend(), "DATABASE_URL is set too");
            target = backend.connections().parseUrl(DATABASE_URL, url.get());
        } else {
            backend = named.orElseGet(backends::defaultBackend);
            if (!backend.isDefault()) {
                rejectPathSettings(settings, backends.defaultBackend(), "DB_DRIVER is '" + backend.name() + "'");
            }
            target = backend.connections().fromSettings(settings);
        }
        rejectOtherOptions(settings, backends, backend);
        target = backend.connections().withOptions(target, settings);

        PoolSettings pool = backend.connections().poolDefaults(target).overriddenBy(settings);
        Duration startupTimeout = settings.duration(DB_STARTUP_TIMEOUT, DEFAULT_STARTUP_TIMEOUT);
        MigrateMode migrate = settings.get(DB_MIGRATE)
                .map(text -> MigrateMode.parse(DB_MIGRATE, text))
                .orElse(MigrateMode.AUTO);
        return new DatabaseSettings(backend, target, pool, startupTimeout, migrate, jndi);
    }

    /** The same settings with another {@code DB_MIGRATE} mode. */
    public DatabaseSettings withMigrate(MigrateMode mode) {
        return new DatabaseSettings(backend, target, pool, startupTimeout, mode, dataSource);
    }

    /**
     * The settings of a database reached through {@link #dataSource()}, with the target that a
     * connection's own URL names (the file or server, for locks and messages), keeping the
     * options the settings gave. A URL of another backend's database is a configuration error.
     */
    public DatabaseSettings reachedAt(String jdbcUrl) {
        if (!backend.connections().claims(jdbcUrl)) {
            throw new ConfigurationException(
                    DB_DRIVER,
                    "is '" + backend.name() + "' but the data source " + dataSource.orElse("") + " reaches "
                            + jdbcUrl.replaceAll("\\?.*", "") + "; set DB_DRIVER to its database");
        }
        var reached = backend.connections().parseUrl(DATABASE_JNDI, jdbcUrl);
        for (var property : target.properties().entrySet()) {
            reached = reached.withProperty(property.getKey(), property.getValue());
        }
        return new DatabaseSettings(backend, reached, pool, startupTimeout, migrate, dataSource);
    }

    /**
     * The default backend's own settings (a file path) contradict a URL or the choice of another
     * backend. The other backends' settings (libpq-style variables, often set for other tools) are
     * ignored instead when their backend is not chosen.
     */
    private static void rejectPathSettings(Settings settings, DatabaseBackend owner, String reason) {
        for (String name : owner.connections().settings().keySet()) {
            if (settings.has(name)) {
                throw new ConfigurationException(
                        name, "is a " + owner.productName() + " setting, but " + reason + "; remove one of them");
            }
        }
    }

    /** A tuning setting of a backend that is not the chosen one would be silently without effect. */
    private static void rejectOtherOptions(Settings settings, Backends backends, DatabaseBackend chosen) {
        for (DatabaseBackend other : backends.all()) {
            if (other == chosen) {
                continue;
            }
            for (String name : other.connections().options().keySet()) {
                if (settings.has(name)) {
                    throw new ConfigurationException(
                            name,
                            "is a " + other.productName() + " setting, but the database is " + chosen.productName()
                                    + "; remove it");
                }
            }
        }
    }

    private static String schemeOf(String url) {
        int colon = url.indexOf(':');
        if (colon < 0) {
            return url.length() > 12 ? url.substring(0, 12) : url;
        }
        int next = url.indexOf(':', colon + 1);
        // jdbc:vendor: keeps two parts; anything after (user, password, host) stays out of messages
        return url.startsWith("jdbc:") && next > 0 ? url.substring(0, next + 1) : url.substring(0, colon + 1);
    }

    /** The line startup logs, for example {@code Using <product> database at <location>}. */
    public String describe() {
        if (dataSource.isPresent()) {
            return "Using the " + backend.productName() + " database of the application server's data source "
                    + dataSource.get();
        }
        return "Using " + backend.productName() + " database at " + target.location();
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + target + ", " + pool + ", startupTimeout=" + startupTimeout + ", migrate="
                + migrate + "]";
    }
}
