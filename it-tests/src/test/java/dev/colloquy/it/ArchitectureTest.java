package dev.colloquy.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import dev.colloquy.app.Main;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.postgres.PostgresBackend;
import dev.colloquy.persistence.spi.DatabaseBackend;
import dev.colloquy.persistence.sqlite.SqliteBackend;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the main code: packages without cycles, and dependencies that point one way —
 * {@code app} → {@code persistence-jpa} → {@code persistence-api} ← the backends. Each module is
 * read from where its classes are (its JAR or classes folder), so a rule about a module holds for
 * exactly that module's classes.
 */
class ArchitectureTest {

    /** The implementation module's packages. */
    private static final String[] IMPLEMENTATION = {"dev.colloquy.persistence", "dev.colloquy.transfer.."};

    private static final String[] BACKENDS = {"dev.colloquy.persistence.sqlite..", "dev.colloquy.persistence.postgres.."
    };

    /** Database and driver names that shared code must not use; the backends own them. */
    private static final Pattern VENDOR =
            Pattern.compile("sqlite|postgres|pgjdbc|\\bpg_|fts5|tsvector|tsquery", Pattern.CASE_INSENSITIVE);

    private static JavaClasses api;
    private static JavaClasses implementation;
    private static JavaClasses application;
    private static JavaClasses backends;
    private static JavaClasses all;

    @BeforeAll
    static void importModules() {
        api = module(DatabaseBackend.class);
        implementation = module(Database.class);
        application = module(Main.class);
        backends = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(location(SqliteBackend.class), location(PostgresBackend.class)));
        all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(
                        location(DatabaseBackend.class),
                        location(Database.class),
                        location(Main.class),
                        location(SqliteBackend.class),
                        location(PostgresBackend.class)));
        assertThat(api).as("persistence-api's classes").hasSizeGreaterThan(40);
        assertThat(implementation).as("persistence-jpa's classes").hasSizeGreaterThan(20);
        assertThat(application).as("app's classes").hasSizeGreaterThan(40);
        assertThat(backends).as("the backends' classes").hasSizeGreaterThan(10);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("dev.colloquy.(**)").should().beFreeOfCycles().check(all);
    }

    @Test
    void theCycleRuleFindsACycle() {
        // Two packages of this test module that use each other: the rule must refuse them.
        JavaClasses cyclic = new ClassFileImporter().importPackages("dev.colloquy.it.architecture.cycle");
        assertThat(cyclic).hasSizeGreaterThanOrEqualTo(2);
        ArchRule rule = slices().matching("dev.colloquy.it.architecture.cycle.(*)..")
                .should()
                .beFreeOfCycles();
        assertThatThrownBy(() -> rule.check(cyclic)).isInstanceOf(AssertionError.class);
    }

    @Test
    void theApiNamesNoImplementationNoProviderAndNoHttp() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(
                        IMPLEMENTATION,
                        BACKENDS,
                        "dev.colloquy.app..",
                        "org.hibernate..",
                        "jakarta.ws.rs..",
                        "org.glassfish..",
                        "com.zaxxer.hikari.."))
                .check(api);
    }

    @Test
    void theImplementationNamesNoBackendAndNoApplication() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(
                        BACKENDS,
                        "dev.colloquy.app..",
                        "jakarta.ws.rs..",
                        "org.glassfish..",
                        "org.sqlite..",
                        "org.postgresql.."))
                .check(implementation);
    }

    @Test
    void theBackendsDependOnTheApiOnly() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(IMPLEMENTATION, "dev.colloquy.app.."))
                .check(backends);
    }

    @Test
    void theApplicationReachesNoBackendAndNoDriver() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(BACKENDS, "org.sqlite..", "org.postgresql..", "org.hibernate.."))
                .check(application);
    }

    /**
     * Shared code (everything but the two backends) names no database, outside comments: not in
     * a type, a member, nor a string. The backends say what is theirs.
     */
    @Test
    void sharedCodeNamesNoDatabase() throws IOException {
        var found = new ArrayList<String>();
        for (String module : List.of("persistence-api", "persistence-jpa", "app")) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertThat(sources).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String code = withoutComments(Files.readString(file));
                    var matcher = VENDOR.matcher(code);
                    while (matcher.find()) {
                        found.add(sources.relativize(file) + ": '" + matcher.group() + "'");
                    }
                }
            }
        }
        assertThat(found).as("database names in shared code").isEmpty();
    }

    @Test
    void theVendorCheckSeesCodeButNotComments() {
        assertThat(VENDOR.matcher(withoutComments("String url = \"postgres://x\"; // fine"))
                        .find())
                .isTrue();
        assertThat(VENDOR.matcher(withoutComments("/** SQLite's WAL */ int x; // PostgreSQL"))
                        .find())
                .isFalse();
    }

    /** Java source with its comments removed; strings and characters are kept as they are. */
    static String withoutComments(String source) {
        var out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                boolean textBlock = c == '"' && source.startsWith("\"\"\"", i);
                if (textBlock) {
                    end = source.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? source.length() : end + 3;
                } else {
                    while (end < source.length() && source.charAt(end) != c) {
                        end += source.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(end + 1, source.length());
                }
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static JavaClasses module(Class<?> member) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(location(member)));
    }

    private static Location location(Class<?> member) {
        try {
            return Location.of(
                    member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    private static String[] concat(String[] first, String[] second, String... more) {
        return concat(concat(first, second), more);
    }
}
