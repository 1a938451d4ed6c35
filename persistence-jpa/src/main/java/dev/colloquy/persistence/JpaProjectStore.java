package dev.colloquy.persistence;

import dev.colloquy.domain.Clocks;
import dev.colloquy.domain.ConflictException;
import dev.colloquy.domain.Ids;
import dev.colloquy.domain.NotFoundException;
import dev.colloquy.domain.Validation;
import dev.colloquy.project.Project;
import dev.colloquy.project.ProjectEntity;
import dev.colloquy.project.ProjectStore;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JpaProjectStore implements ProjectStore {

    private final Transactor tx;
    private final Clock clock;
    private final Validation validation;

    JpaProjectStore(Transactor tx, Clock clock, Validation validation) {
        this.tx = tx;
        this.clock = clock;
        this.validation = validation;
    }

    @Override
    public Project create(String name, boolean semanticSearch) {
        String checked = validation.name("name", name);
        return tx.write(em -> {
            if (findByName(em, checked).isPresent()) {
                throw new ConflictException("a project named '" + checked + "' already exists");
            }
            var project = new ProjectEntity(Ids.next(), checked, Clocks.now(clock));
            project.semanticSearch(semanticSearch);
            em.persist(project);
            return project.toProject();
        });
    }

    @Override
    public Project findOrCreate(String name) {
        return findByName(name).orElseGet(() -> {
            try {
                return create(name);
            } catch (ConflictException raced) {
                return findByName(name).orElseThrow(() -> raced);
            }
        });
    }

    @Override
    public List<Project> list() {
        return tx.read(em -> em.createQuery("select p from Project p order by p.name, p.id", ProjectEntity.class)
                .getResultStream()
                .map(ProjectEntity::toProject)
                .toList());
    }

    @Override
    public Optional<Project> find(UUID id) {
        // A query, not em.find, which answers null when the connection fails (HHH-12472).
        return tx.read(em -> em.createQuery("select p from Project p where p.id = :id", ProjectEntity.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst()
                .map(ProjectEntity::toProject));
    }

    @Override
    public Optional<Project> findByName(String name) {
        return tx.read(em -> findByName(em, name).map(ProjectEntity::toProject));
    }

    private static Optional<ProjectEntity> findByName(EntityManager em, String name) {
        return em.createQuery("select p from Project p where p.name = :name", ProjectEntity.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Project semanticSearch(UUID id, boolean on) {
        return tx.write(em -> {
            var project = em.createQuery("select p from Project p where p.id = :id", ProjectEntity.class)
                    .setParameter("id", id)
                    .getResultStream()
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("no project with id " + id));
            project.semanticSearch(on);
            return project.toProject();
        });
    }

    @Override
    public void delete(UUID id) {
        tx.write(em -> {
            // The database cascades to conversations, messages, tags and tokens.
            int deleted = em.createQuery("delete from Project p where p.id = :id")
                    .setParameter("id", id)
                    .executeUpdate();
            if (deleted == 0) {
                throw new NotFoundException("no project with id " + id);
            }
            return null;
        });
    }
}
