package dev.colloquy.persistence.spi;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The backends on the class path, found through {@link ServiceLoader}. */
public final class Backends {

    private final List<DatabaseBackend> all;

    public Backends(List<DatabaseBackend> all) {
        if (all.isEmpty()) {
            throw new IllegalStateException("no database backend on the class path");
        }
        this.all = List.copyOf(all);
    }

    public static Backends installed() {
        return new Backends(ServiceLoader.load(DatabaseBackend.class, Backends.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    }

    public List<DatabaseBackend> all() {
        return all;
    }

    public Optional<DatabaseBackend> named(String name) {
        return all.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    public Optional<DatabaseBackend> claiming(String url) {
        return all.stream().filter(b -> b.connections().claims(url)).findFirst();
    }

    public DatabaseBackend defaultBackend() {
        return all.stream()
                .filter(DatabaseBackend::isDefault)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no default database backend on the class path"));
    }

    public String names() {
        return all.stream().map(DatabaseBackend::name).sorted().collect(Collectors.joining(", "));
    }

    public String urlForms() {
        return all.stream().flatMap(b -> b.connections().urlForms().stream()).collect(Collectors.joining(", "));
    }
}
