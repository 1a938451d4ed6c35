package dev.colloquy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.PersistenceUnit;
import jakarta.persistence.Persistence;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The persistence units are standard descriptors that tools can read: each {@code
 * META-INF/persistence.xml} is valid against the Jakarta Persistence 3.2 schema, the shared unit
 * boots through the standard {@code Persistence} bootstrap on its own, and no unit names a mapping
 * file (the mapping is annotations and each backend's code: reading an orm.xml costs Hibernate a
 * fifth of its boot).
 */
class PersistenceUnitTest {

    private static final Pattern MODULE = Pattern.compile("persistence-(jpa|sqlite|postgres)");

    private static final ClassLoader LOADER = PersistenceUnitTest.class.getClassLoader();

    @Test
    void everyDescriptorIsValidJakartaPersistenceAndNamesNoMappingFile() throws Exception {
        var schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var persistence = schemas.newSchema(LOADER.getResource("jakarta/persistence/persistence_3_2.xsd"));
        List<URL> descriptors = Collections.list(LOADER.getResources("META-INF/persistence.xml"));
        // Each module once (the app jar's manifest may put the same jars on the path again).
        var modules = descriptors.stream()
                .map(url -> MODULE.matcher(url.toString())
                        .results()
                        .reduce((first, last) -> last)
                        .map(m -> m.group(1))
                        .orElse(url.toString()))
                .distinct();
        assertThat(modules)
                .as("the shared unit and one per backend")
                .containsExactlyInAnyOrder("jpa", "sqlite", "postgres");
        var units = new ArrayList<PersistenceUnit>();
        for (URL descriptor : descriptors) {
            try (InputStream in = descriptor.openStream()) {
                persistence.newValidator().validate(new StreamSource(in, descriptor.toString()));
            }
        }
        for (String name : List.of("colloquy", "colloquy-sqlite", "colloquy-postgres")) {
            units.add(PersistenceUnit.named(name, LOADER));
        }
        assertThat(units)
                .allSatisfy(
                        unit -> assertThat(unit.mappingFiles()).as(unit.name()).isEmpty());
        assertThat(units.get(0).classes()).hasSize(8);
        assertThat(units.get(0).provider())
                .as("the shared unit names no provider")
                .isEmpty();
        assertThat(units.get(1).properties()).containsKey("hibernate.dialect");
        assertThat(units.subList(1, 3))
                .allSatisfy(
                        unit -> assertThat(unit.provider()).contains("org.hibernate.jpa.HibernatePersistenceProvider"));
    }

    /** A tool that reads persistence.xml and bootstraps the shared unit gets the entities Colloquy maps. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void theSharedUnitBootsThroughTheStandardBootstrap(String backend) {
        String url = TestDatabases.freshUrl(backend);
        try (Database database = Database.open(TestDatabases.settings(url))) {
            database.projects().findOrCreate("seen-by-a-tool");
            var properties = new HashMap<String, Object>(
                    PersistenceUnit.named(database.settings().backend().schema().persistenceUnit(), LOADER)
                            .properties());
            properties.put(
                    "jakarta.persistence.nonJtaDataSource",
                    database.dataSources().reader());
            try (var factory = Persistence.createEntityManagerFactory("colloquy", properties);
                    var em = factory.createEntityManager()) {
                assertThat(factory.getMetamodel().getEntities()).hasSize(7);
                // NoRuntimeBytecode: no proxy or instantiator classes are generated at start.
                assertThat(factory.unwrap(SessionFactoryImplementor.class)
                                .getServiceRegistry()
                                .requireService(BytecodeProvider.class))
                        .isInstanceOf(org.hibernate.bytecode.internal.none.BytecodeProviderImpl.class);
                assertThat(em.createQuery("select p.name from Project p", String.class)
                                .getResultList())
                        .containsExactly("seen-by-a-tool");
            }
        }
    }
}
