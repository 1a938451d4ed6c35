package dev.colloquy.conversation;

import dev.colloquy.domain.IdentifiedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A lower-cased label, unique per project. */
@Entity(name = "Tag")
@Table(name = "tag")
public class TagEntity extends IdentifiedEntity {

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(name = "name", nullable = false, updatable = false)
    private String name;

    /** For JPA. */
    protected TagEntity() {}

    public String name() {
        return name;
    }

    public UUID projectId() {
        return projectId;
    }
}
