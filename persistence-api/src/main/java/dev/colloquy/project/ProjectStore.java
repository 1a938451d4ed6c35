package dev.colloquy.project;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Projects (tenants). */
public interface ProjectStore {

    /** Creates a project; a name already taken is a conflict. */
    Project create(String name);

    /**
     * The project with this name, created if there is none; concurrent callers with one name all
     * get the same project.
     */
    Project findOrCreate(String name);

    /** All projects, by name. */
    List<Project> list();

    Optional<Project> find(UUID id);

    Optional<Project> findByName(String name);

    /** Deletes a project with all its conversations, messages, tags and tokens. */
    void delete(UUID id);
}
