package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.TestDatabases;
import dev.colloquy.persistence.Database;
import dev.colloquy.token.IssuedToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Several instances starting at once on one empty database, each with its own pools, as three
 * servers would: the first admin token is issued exactly once between them, and none of them
 * fails, with a random secret or one given as COLLOQUY_ADMIN_TOKEN.
 */
class FirstStartTest {

    private static final int INSTANCES = 4;

    @ParameterizedTest(name = "{0}, secret given: {1}")
    @CsvSource({"sqlite, false", "sqlite, true", "postgres, false", "postgres, true"})
    void concurrentFirstStartsIssueExactlyOneAdminToken(String backend, boolean given) throws Exception {
        String url = TestDatabases.freshUrl(backend);
        Optional<String> secret = given ? Optional.of("cq_given-first-admin-secret-0123456789") : Optional.empty();
        List<Database> instances = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(INSTANCES);
        try {
            for (int i = 0; i < INSTANCES; i++) {
                instances.add(Database.open(TestDatabases.settings(url)));
            }
            var start = new CountDownLatch(1);
            List<Future<Optional<IssuedToken>>> results = new ArrayList<>();
            for (Database instance : instances) {
                Callable<Optional<IssuedToken>> bootstrap = () -> {
                    start.await();
                    var project = instance.projects().findOrCreate("default");
                    return instance.tokens().issueFirstAdmin(project.id(), "bootstrap-admin", secret);
                };
                results.add(pool.submit(bootstrap));
            }
            start.countDown();
            List<Optional<IssuedToken>> issued = new ArrayList<>();
            for (var result : results) {
                issued.add(result.get()); // none of them fails
            }
            assertThat(issued).filteredOn(Optional::isPresent).hasSize(1);
            var only = instances.get(0);
            var project = only.projects().findByName("default").orElseThrow();
            assertThat(only.projects().list()).hasSize(1);
            assertThat(only.tokens().list(project.id()))
                    .singleElement()
                    .satisfies(token -> assertThat(token.admin()).isTrue());
            secret.ifPresent(
                    value -> assertThat(only.tokens().authenticate(value)).isPresent());
        } finally {
            pool.shutdownNow();
            instances.forEach(Database::close);
        }
    }
}
