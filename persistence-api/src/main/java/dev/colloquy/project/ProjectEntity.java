package dev.colloquy.project;

import dev.colloquy.domain.IdentifiedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity(name = "Project")
@Table(name = "project")
public class ProjectEntity extends IdentifiedEntity {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "semantic_search", nullable = false)
    private boolean semanticSearch = true;

    /** For JPA. */
    protected ProjectEntity() {}

    public ProjectEntity(UUID id, String name, Instant createdAt) {
        super(id);
        this.name = name;
        this.createdAt = createdAt;
    }

    public void semanticSearch(boolean on) {
        this.semanticSearch = on;
    }

    public Project toProject() {
        return new Project(id(), name, createdAt, semanticSearch);
    }
}
