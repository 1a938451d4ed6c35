package dev.colloquy.project;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Projects (tenants). */
public interface ProjectStore {

    /** Creates a project that searches by meaning; a name already taken is a conflict. */
    default Project create(String name) {
        return create(name, true);
    }

    /**
     * Creates a project; a name already taken is a conflict.
     *
     * @param semanticSearch whether its messages are embedded and searched by meaning
     */
    Project create(String name, boolean semanticSearch);

    /**
     * The project with this name, created if there is none; concurrent callers with one name all
     * get the same project.
     */
    Project findOrCreate(String name);

    /** All projects, by name. */
    List<Project> list();

    Optional<Project> find(UUID id);

    Optional<Project> findByName(String name);

    /**
     * Turns search by meaning on or off for a project. Off: its messages are no longer embedded nor
     * counted as waiting, and a search by meaning in it is refused; the vectors it has are kept
     * (turned on again, the messages stored meanwhile are embedded). Answers the project as now.
     */
    Project semanticSearch(UUID id, boolean on);

    /** Deletes a project with all its conversations, messages, tags and tokens. */
    void delete(UUID id);
}
