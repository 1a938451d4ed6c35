package dev.colloquy.app.cli;

import dev.colloquy.app.server.DatabaseStarter;
import dev.colloquy.app.server.Startup;
import dev.colloquy.app.server.StartupException;
import dev.colloquy.embedding.LocalEmbedder;
import dev.colloquy.persistence.ReadOnlyDatabase;
import java.util.TreeMap;
import picocli.CommandLine.Command;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check connectivity and the schema; exit 0 when the database is ready, 1 when its schema is"
                + " not current, 3 when it cannot be reached or does not exist. Reads only: creates and"
                + " changes nothing.")
public class CheckCommand extends DatabaseCommand {

    @Override
    public Integer call() {
        var environment = environment();
        var out = environment.out();
        var resolved = Startup.database(settings());
        ReadOnlyDatabase db;
        try {
            // Read-only: check creates nothing, migrates nothing and writes nothing.
            db = DatabaseStarter.open(resolved, ReadOnlyDatabase::open);
        } catch (IllegalArgumentException missing) {
            out.println("Backend:        " + resolved.backend().name());
            out.println("Database:       " + resolved.target().location());
            out.println("Not ready: " + missing.getMessage() + "; 'colloquy migrate' or 'colloquy serve' creates it");
            return StartupException.DATABASE_UNREACHABLE;
        }
        try (db) {
            var schema = db.schema();
            boolean answers = db.dataSources().readerAnswers(5);
            out.println("Backend:        " + resolved.backend().name());
            out.println("Database:       " + resolved.target().location());
            out.println("Connectivity:   " + (answers ? "ok" : "no answer within 5s"));
            out.println("Schema version: " + schema.current().orElse("none") + " (this build knows " + schema.latest()
                    + ")");
            out.println(
                    "Pending:        " + (schema.pending().isEmpty() ? "none" : String.join(", ", schema.pending())));
            if (!answers) {
                out.println("Not ready: the database does not answer");
                return StartupException.DATABASE_UNREACHABLE;
            }
            boolean ready = schema.isCurrent();
            if (ready) {
                var semantic = db.semantic(LocalEmbedder.MODEL_NAME);
                var others = new TreeMap<>(semantic.vectorsByModel());
                long vectors = others.getOrDefault(LocalEmbedder.MODEL_NAME, 0L);
                others.remove(LocalEmbedder.MODEL_NAME);
                out.printf(
                        "Vectors:        %d of %s, messages waiting: %d%s%s%n",
                        vectors,
                        LocalEmbedder.MODEL_NAME,
                        semantic.waiting(),
                        semantic.projectsOptedOut() == 0
                                ? ""
                                : " (" + semantic.projectsOptedOut() + " project"
                                        + (semantic.projectsOptedOut() == 1 ? "" : "s") + " opted out)",
                        others.isEmpty() ? "" : "; of other models: " + others);
            }
            out.println(ready ? "Ready" : "Not ready: run 'colloquy migrate'");
            return ready ? 0 : ColloquyCommand.FAILURE;
        }
    }
}
