package dev.colloquy.persistence;

import dev.colloquy.conversation.ConversationStore;
import dev.colloquy.domain.IdentifiedEntity;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.domain.Limits;
import dev.colloquy.domain.Validation;
import dev.colloquy.idempotency.IdempotencyStore;
import dev.colloquy.message.MessageStore;
import dev.colloquy.persistence.config.MigrateMode;
import dev.colloquy.persistence.spi.DataSources;
import dev.colloquy.project.ProjectEntity;
import dev.colloquy.project.ProjectStore;
import dev.colloquy.retention.RetentionStore;
import dev.colloquy.search.SearchStore;
import dev.colloquy.semantic.EmbeddingStore;
import dev.colloquy.token.ApiTokenEntity;
import dev.colloquy.token.TokenStore;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;
import jakarta.persistence.SchemaValidationException;
import jakarta.persistence.spi.PersistenceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open database with its stores: pools opened, session settings checked, schema migrated (per
 * {@code DB_MIGRATE}) and Hibernate's mapping validated against it. Close it to close the pools.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseSettings settings;
    private final DataSources dataSources;
    private final EntityManagerFactory factory;
    private final Migrator migrator;
    private final ProjectStore projects;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final SearchStore search;
    private final TokenStore tokens;
    private final RetentionStore retention;
    private final IdempotencyStore idempotency;
    private final EmbeddingStore embeddings;
    private final Transactor transactor;
    private final Optional<String> versionAtOpen;
    private final Scope scope;

    /**
     * What a database is opened for. A command that only administers projects and tokens opens
     * it with {@link #ADMINISTRATION}: Hibernate then boots with those two entities only, and no
     * native query is registered.
     */
    public enum Scope {
        /** Every store. */
        ALL,
        /** Projects and tokens only; the other stores refuse to be used. */
        ADMINISTRATION
    }

    private Database(
            DatabaseSettings settings,
            DataSources dataSources,
            EntityManagerFactory factory,
            Migrator migrator,
            Clock clock,
            Limits limits,
            Scope scope) {
        this.settings = settings;
        this.scope = scope;
        this.dataSources = dataSources;
        this.factory = factory;
        this.migrator = migrator;
        var tx = new Transactor(factory, settings.backend());
        this.transactor = tx;
        var validation = new Validation(limits);
        this.projects = new JpaProjectStore(tx, clock, validation);
        this.conversations = new JpaConversationStore(tx, clock, validation);
        this.messages = new JpaMessageStore(tx, clock, validation);
        this.search = new JpaSearchStore(
                tx,
                validation,
                settings.backend().search().syntax(),
                new VectorCache(VectorCache.defaultBudget(), System::nanoTime));
        this.tokens = new JpaTokenStore(tx, clock, validation);
        this.retention = new JpaRetentionStore(tx, () -> reclaimSpace());
        this.idempotency = new JpaIdempotencyStore(tx, clock);
        this.embeddings = new JpaEmbeddingStore(tx, clock);
        this.versionAtOpen = migrator.status().current();
    }

    /**
     * Loads and initializes, on the calling thread, what the first query of any open database
     * needs and what takes long to set up: the query language's parser (a tenth of a second or
     * more on a small machine). A command calls it on a thread of its own while it starts, so that
     * the work is done beside the rest; calling it is never needed for correctness.
     */
    public static void preload() {
        for (String name : PRELOADED) {
            try {
                Class.forName(name, true, Database.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("Not preloaded: {}", name, e);
            }
        }
    }

    private static final List<String> PRELOADED =
            List.of("org.hibernate.grammars.hql.HqlLexer", "org.hibernate.grammars.hql.HqlParser");

    /** Opens the database with the default limits and the system clock. */
    public static Database open(DatabaseSettings settings) {
        return open(settings, Clock.systemUTC(), Limits.DEFAULTS);
    }

    public static Database open(DatabaseSettings settings, Clock clock, Limits limits) {
        return open(settings, clock, limits, Scope.ALL);
    }

    public static Database open(DatabaseSettings requested, Clock clock, Limits limits, Scope scope) {
        var backend = requested.backend();
        var pools = pools(requested);
        DatabaseSettings settings = pools.settings();
        DataSources dataSources = pools.dataSources();
        StartupTask<EntityManagerFactory> booting = null;
        try {
            try (Connection connection = dataSources.writer().getConnection()) {
                backend.connections().verifySession(connection, settings.target());
            }
            try (Connection connection = dataSources.reader().getConnection()) {
                backend.connections().verifySession(connection, settings.target());
            }
            // Hibernate's boot (mapping, metamodel: about a second of a small machine's start)
            // needs no table, so it runs beside the migration when the pool has room for both:
            // the boot reads the database's metadata on one connection, the migration may hold
            // two, and a pool's short wait (DB_POOL_CONNECT_TIMEOUT) must not run out between them.
            if (settings.pool().maxSize() > 2) {
                booting =
                        StartupTask.start("colloquy-hibernate-boot", () -> createFactory(settings, dataSources, scope));
            }
            var migrator = new Migrator(backend, settings.target(), dataSources.writer());
            if (settings.migrate() == MigrateMode.AUTO) {
                backend.schema().prepare(dataSources.writer());
                migrator.migrate();
            } else if (settings.migrate() == MigrateMode.VALIDATE) {
                migrator.requireCurrent();
            } else {
                migrator.refuseNewerSchema();
            }
            EntityManagerFactory factory =
                    booting != null ? booting.join() : createFactory(settings, dataSources, scope);
            if (settings.migrate() != MigrateMode.OFF) {
                validateMapping(factory);
            }
            return new Database(settings, dataSources, factory, migrator, clock, limits, scope);
        } catch (SQLException e) {
            abandon(booting);
            dataSources.closeAfter(e);
            throw new IllegalStateException(
                    "could not prepare the " + backend.productName() + " database at "
                            + settings.target().location() + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            abandon(booting);
            dataSources.closeAfter(e);
            throw e;
        }
    }

    private record Pools(DatabaseSettings settings, DataSources dataSources) {}

    /**
     * Colloquy's own pools, or those of the application server's data source ({@code
     * DATABASE_JNDI}); then a first connection names the database, for locks and messages.
     */
    private static Pools pools(DatabaseSettings settings) {
        var connections = settings.backend().connections();
        if (settings.dataSource().isEmpty()) {
            return new Pools(settings, connections.open(settings.target(), settings.pool()));
        }
        String name = settings.dataSource().get();
        DataSource provided = ServerDataSources.lookup(name);
        String url;
        try (Connection connection = provided.getConnection()) {
            url = connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not connect through the data source " + name + ": " + e.getMessage(), e);
        }
        var reached = settings.reachedAt(url);
        return new Pools(reached, connections.adopt(provided, reached.target()));
    }

    /** Opening failed: the factory is closed whenever its boot ends, and its failure, if any, dropped. */
    private static void abandon(StartupTask<EntityManagerFactory> booting) {
        if (booting != null) {
            booting.abandon(factory -> {
                if (factory.isOpen()) {
                    factory.close();
                }
            });
        }
    }

    /** The unit every backend shares (META-INF/persistence.xml of this module). */
    static final String SHARED_UNIT = "colloquy";

    /** The entities a database opened for {@link Scope#ADMINISTRATION} maps. */
    private static final Set<String> ADMINISTRATION_ENTITIES =
            Set.of(IdentifiedEntity.class.getName(), ProjectEntity.class.getName(), ApiTokenEntity.class.getName());

    /**
     * The shared persistence unit completed with the backend's (its provider and properties), with
     * the pools as its data source, and the backend's native queries and JSON column type (see
     * {@link BackendMapping}). A database opened for administration maps the project and token
     * entities only, and registers no native query.
     */
    private static EntityManagerFactory createFactory(DatabaseSettings settings, DataSources dataSources, Scope scope) {
        var backend = settings.backend();
        ClassLoader loader = Database.class.getClassLoader();
        var shared = PersistenceUnit.named(SHARED_UNIT, loader);
        var own = PersistenceUnit.named(
                backend.schema().persistenceUnit(), backend.getClass().getClassLoader());
        var config =
                new PersistenceConfiguration(own.name()).transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL);
        for (String entity : shared.classes()) {
            if (scope == Scope.ALL || ADMINISTRATION_ENTITIES.contains(entity)) {
                config.managedClass(load(entity, loader));
            }
        }
        if (scope == Scope.ALL) {
            shared.mappingFiles().forEach(config::mappingFile);
            own.mappingFiles().forEach(config::mappingFile);
        }
        config.properties(shared.properties())
                .properties(own.properties())
                .property(BackendMapping.integratorProperty(), BackendMapping.integrators(backend.schema()))
                .property(
                        "jakarta.persistence.nonJtaDataSource",
                        new RoutingDataSource(dataSources.writer(), dataSources.reader()));
        String provider = own.provider()
                .or(shared::provider)
                .orElseThrow(
                        () -> new IllegalStateException("the persistence unit " + own.name() + " names no provider"));
        try {
            var factory = ((PersistenceProvider)
                            load(provider, backend.getClass().getClassLoader())
                                    .getDeclaredConstructor()
                                    .newInstance())
                    .createEntityManagerFactory(config);
            if (scope == Scope.ALL) {
                try {
                    BackendMapping.registerQueries(factory, backend.schema());
                } catch (RuntimeException e) {
                    factory.close();
                    throw e;
                }
            }
            return factory;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot use the persistence provider " + provider + ": " + e, e);
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "a persistence unit names the class " + name + ", which is not on the class path", e);
        }
    }

    /** Hibernate checks its mapping against the migrated schema; it never creates or alters tables. */
    private static void validateMapping(EntityManagerFactory factory) {
        try {
            factory.getSchemaManager().validate();
        } catch (SchemaValidationException e) {
            factory.close();
            throw new SchemaException("the database schema does not match this build's mapping: " + e.getMessage());
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public ProjectStore projects() {
        return projects;
    }

    public ConversationStore conversations() {
        requireAll("conversations");
        return conversations;
    }

    public MessageStore messages() {
        requireAll("messages");
        return messages;
    }

    public SearchStore search() {
        requireAll("search");
        return search;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public RetentionStore retention() {
        requireAll("retention");
        return retention;
    }

    /** Writes done once per idempotency key; the other stores' writes join its transaction. */
    public IdempotencyStore idempotency() {
        requireAll("idempotency keys");
        return idempotency;
    }

    /** The vectors of semantic search and their backlog. */
    public EmbeddingStore embeddings() {
        requireAll("embeddings");
        return embeddings;
    }

    /**
     * Runs {@code work} as one unit of work that writes: the stores it calls join it, so that
     * what it reads and what it writes are one transaction (all or nothing, run again whole on a
     * transient conflict).
     */
    public <T> T atomically(Supplier<T> work) {
        requireAll("atomic work");
        return transactor.write(em -> work.get());
    }

    /**
     * Runs {@code work} as one unit of work that only reads: the stores it calls join it, so that
     * all it reads is one view of the database, on one connection.
     */
    public <T> T reading(Supplier<T> work) {
        requireAll("a unit of reads");
        return transactor.read(em -> work.get());
    }

    /**
     * The lock of a job that one instance at a time runs on this database (the retention purge),
     * taken without waiting: empty while another instance (or another part of this one) holds it.
     */
    public Optional<AutoCloseable> tryJobLock(String job) {
        return settings.backend().maintenance().tryJobLock(settings.target(), dataSources.writer(), job);
    }

    private void requireAll(String store) {
        if (scope != Scope.ALL) {
            throw new IllegalStateException("the database was opened for project and token administration only; "
                    + store + " need it opened with every store");
        }
    }

    public SchemaStatus schema() {
        return migrator.status();
    }

    /** The schema version when the database was opened; asks the database nothing. */
    public Optional<String> schemaVersionAtOpen() {
        return versionAtOpen;
    }

    /** Every migration known to the build or applied to the database, oldest first. */
    public List<Migrator.MigrationRow> migrations() {
        return migrator.list();
    }

    /**
     * Whether a connection answers a validity check within {@code seconds}, waiting for a pooled
     * connection no longer than that either.
     */
    public boolean ping(int seconds) {
        return dataSources.readerAnswers(seconds);
    }

    /** Writes a consistent copy of the live database to {@code target}, a file that must not exist yet. */
    public void backup(Path target) {
        if (Files.exists(target)) {
            throw new InvalidInputException("target", target + " exists already; choose a new file");
        }
        var maintenance = settings.backend().maintenance();
        var backup =
                maintenance.backup().orElseThrow(() -> new UnsupportedOperationException(maintenance.backupAdvice()));
        try {
            backup.write(dataSources.writer(), target);
        } catch (SQLException e) {
            throw new IllegalStateException("the backup to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether the full-text index agrees with the stored messages. */
    public boolean searchIndexConsistent() {
        try {
            return settings.backend().search().indexConsistent(dataSources.writer());
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the search index: " + e.getMessage(), e);
        }
    }

    /** Rebuilds the full-text index from the stored text. */
    public void rebuildSearchIndex() {
        try {
            settings.backend().search().rebuildIndex(dataSources.writer());
        } catch (SQLException e) {
            throw new IllegalStateException("could not rebuild the search index: " + e.getMessage(), e);
        }
    }

    /** The pools, for tools that work below the stores (copy, verify, tests). */
    /** Tells {@code observer} of every outermost unit of work from now on (tracing); null for none. */
    public void observe(WorkObserver observer) {
        transactor.observe(observer);
    }

    /** Units of work run again after a transient failure, by cause, since the database was opened. */
    public Map<String, Long> transactionRetries() {
        return transactor.retries();
    }

    /** Waits for a pooled connection that ran out since the database was opened. */
    public long poolTimeouts() {
        return transactor.poolTimeouts();
    }

    /** The database's size on disk in bytes, where the backend can tell it cheaply. */
    public java.util.OptionalLong sizeBytes() {
        try {
            return settings.backend().maintenance().sizeBytes(dataSources.reader());
        } catch (java.sql.SQLException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** The space left for the database on its file system, where the backend can tell (a file it sees). */
    public java.util.OptionalLong freeBytes() {
        try {
            return settings.backend().maintenance().freeBytes(dataSources.reader());
        } catch (java.sql.SQLException e) {
            return java.util.OptionalLong.empty();
        }
    }

    public DataSources dataSources() {
        return dataSources;
    }

    private void reclaimSpace() {
        try {
            settings.backend().maintenance().reclaimSpace(dataSources.writer());
        } catch (SQLException e) {
            LOG.warn("Could not reclaim free space after a purge: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            factory.close();
        } finally {
            try {
                dataSources.close();
            } catch (Exception e) {
                LOG.warn("Closing the connection pools failed: {}", e.getMessage());
            }
        }
    }
}
