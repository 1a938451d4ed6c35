package dev.colloquy.app.server;

import dev.colloquy.app.config.Environment;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a server does once, on the first start against a database without tokens. */
public final class FirstStart {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);
    static final String DEFAULT_PROJECT = "default";

    private FirstStart() {}

    /**
     * First start: with no token in the database, creates the project {@code default} and one admin
     * token for it, from {@code COLLOQUY_ADMIN_TOKEN} when set, else random and printed once.
     */
    public static void bootstrap(Database db, ServerSettings settings, Environment environment) {
        if (db.tokens().any()) {
            return;
        }
        var project = db.projects().findOrCreate(DEFAULT_PROJECT);
        // Instances starting at once on one database: exactly one of them issues the token.
        var issued = db.tokens().issueFirstAdmin(project.id(), "bootstrap-admin", settings.adminToken());
        if (issued.isEmpty()) {
            return;
        }
        if (settings.adminToken().isPresent()) {
            // a log line, so that it keeps the log's format (LOG_FORMAT=json included)
            LOG.info("Created the admin token of project 'default' from COLLOQUY_ADMIN_TOKEN");
        } else {
            environment.out().println("Created project 'default' with an admin token. It is shown only now; keep it:");
            environment.out().println(issued.get().secret());
        }
    }
}
