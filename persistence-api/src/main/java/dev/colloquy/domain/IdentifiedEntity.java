package dev.colloquy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity every entity shares: a time-ordered UUID assigned by the application when the
 * object is created, so neither database needs a sequence. Equality is on the id; ids are unique
 * across all tables, so the entity type need not be compared.
 */
@MappedSuperclass
public abstract class IdentifiedEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    /** For JPA. */
    protected IdentifiedEntity() {}

    protected IdentifiedEntity(UUID id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    public UUID id() {
        return id;
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof IdentifiedEntity that && id != null && id.equals(that.id());
    }

    @Override
    public final int hashCode() {
        return Objects.hashCode(id);
    }
}
