package dev.colloquy.it;

import dev.colloquy.it.api.ServerFixture;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of a per-backend test class, opened before its first test and closed after its
 * last, so that such a class is only a declaration: {@code @StoreOn("sqlite") class
 * SqliteStoreContractTest implements StoreContract {}}. The contracts find the fixture by the
 * class of the test instance.
 */
public final class Fixtures implements BeforeAllCallback, AfterAllCallback {

    /** A store contract class: one open database of this backend, with its clock. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ExtendWith(Fixtures.class)
    public @interface StoreOn {
        String value();
    }

    /** An HTTP contract class: one running server on a fresh database of this backend. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ExtendWith(Fixtures.class)
    public @interface ServerOn {
        String value();
    }

    private static final Map<Class<?>, AutoCloseable> OPEN = new ConcurrentHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        var store = type.getAnnotation(StoreOn.class);
        var server = type.getAnnotation(ServerOn.class);
        if ((store == null) == (server == null)) {
            throw new IllegalStateException(type.getName() + " needs exactly one of @StoreOn and @ServerOn");
        }
        OPEN.put(type, store != null ? new BackendFixture(store.value()) : new ServerFixture(server.value()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        AutoCloseable fixture = OPEN.remove(context.getRequiredTestClass());
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The open database of a {@link StoreOn} class. */
    public static BackendFixture store(Class<?> testClass) {
        return (BackendFixture) require(testClass);
    }

    /** The running server of a {@link ServerOn} class. */
    public static ServerFixture server(Class<?> testClass) {
        return (ServerFixture) require(testClass);
    }

    private static AutoCloseable require(Class<?> testClass) {
        AutoCloseable fixture = OPEN.get(testClass);
        if (fixture == null) {
            throw new IllegalStateException(testClass.getName() + " has no open fixture: annotate it with"
                    + " @Fixtures.StoreOn or @Fixtures.ServerOn");
        }
        return fixture;
    }
}
