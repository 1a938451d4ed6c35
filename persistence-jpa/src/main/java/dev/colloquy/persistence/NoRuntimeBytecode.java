package dev.colloquy.persistence;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Hibernate without classes generated at run time. Its default bytecode provider writes, at every
 * start, a proxy class and an instantiator class for each entity (ByteBuddy: about 0.3 s of a
 * 2.5 s server start on a small machine). Colloquy needs neither: no entity has a to-one
 * association or is read by {@code getReference}, so no proxy is ever asked for (one would fail
 * loudly), and entities are built and read by plain reflection instead. Registered through
 * {@code META-INF/services}; Hibernate's own "none" provider does the work.
 */
public final class NoRuntimeBytecode implements ServiceContributor {

    @Override
    public void contribute(StandardServiceRegistryBuilder registry) {
        registry.addService(BytecodeProvider.class, new org.hibernate.bytecode.internal.none.BytecodeProviderImpl());
    }
}
