package dev.colloquy.persistence;

import dev.colloquy.conversation.ConversationEntity;
import dev.colloquy.domain.MetadataConverter;
import dev.colloquy.persistence.spi.BackendSchema;
import dev.colloquy.persistence.spi.NativeQuery;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Query;
import java.util.List;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.SimpleValue;

/**
 * What a backend adds to the shared mapping, in code rather than in mapping files (reading an
 * {@code orm.xml} makes Hibernate compile a dozen XML schemas at each start: about a fifth of its
 * boot on a small machine): the SQL of its native queries, registered under their shared names,
 * and the column type of its JSON columns, which Hibernate's schema validation compares with the
 * database.
 */
final class BackendMapping {

    private BackendMapping() {}

    /** The property that hands {@code schema}'s JSON column type to Hibernate's boot. */
    static String integratorProperty() {
        return JpaSettings.INTEGRATOR_PROVIDER;
    }

    /** The integrators that apply {@code schema}'s column types while the factory is built. */
    static IntegratorProvider integrators(BackendSchema schema) {
        return () -> schema.jsonColumnType()
                .<List<Integrator>>map(type -> List.of(new JsonColumns(type)))
                .orElse(List.of());
    }

    /** Registers every {@link NativeQuery} under its name, with {@code schema}'s SQL. */
    static void registerQueries(EntityManagerFactory factory, BackendSchema schema) {
        try (var em = factory.createEntityManager()) {
            for (NativeQuery query : NativeQuery.values()) {
                String sql = schema.sql(query);
                Query named = switch (query) {
                    case MESSAGE_SEARCH, MESSAGE_SEARCH_IN_CONVERSATION, CONVERSATION_SEARCH_TITLES ->
                        em.createNativeQuery(sql, "SearchMatch");
                    case CONVERSATION_LIST, CONVERSATION_LIST_BY_METADATA, CONVERSATION_LIST_BY_TAG ->
                        em.createNativeQuery(sql, ConversationEntity.class);
                    case MESSAGE_SIMILAR, MESSAGE_SIMILAR_IN_CONVERSATION ->
                        em.createNativeQuery(sql, "SimilarCandidate");
                    case SEARCH_PLANNING,
                            TAG_INSERT_IF_ABSENT,
                            CONVERSATION_INSERT_KEY_IF_ABSENT,
                            EMBEDDING_CLAIM,
                            EMBEDDING_GENERATION_RAISE,
                            EMBEDDING_STORE -> em.createNativeQuery(sql);
                };
                factory.addNamedQuery(query.queryName(), named);
            }
        }
    }

    /** The converters of JSON columns: metadata and a message's extras. */
    private static final java.util.Set<Class<?>> JSON_CONVERTERS =
            java.util.Set.of(MetadataConverter.class, dev.colloquy.message.StoredExtras.Column.class);

    /** Gives every column that holds JSON (metadata, a message's extras) the backend's JSON type. */
    private record JsonColumns(String type) implements Integrator {
        @Override
        public void integrate(Metadata metadata, BootstrapContext context, SessionFactoryImplementor factory) {
            for (var entity : metadata.getEntityBindings()) {
                for (var property : entity.getProperties()) {
                    if (property.getValue() instanceof SimpleValue value
                            && value.getJpaAttributeConverterDescriptor() != null
                            && JSON_CONVERTERS.contains(
                                    value.getJpaAttributeConverterDescriptor().getAttributeConverterClass())) {
                        for (Column column : value.getColumns()) {
                            column.setSqlType(type);
                        }
                    }
                }
            }
        }
    }
}
