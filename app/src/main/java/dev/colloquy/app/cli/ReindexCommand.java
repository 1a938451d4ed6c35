package dev.colloquy.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description = "Check the full-text search index against the stored messages and titles; rebuild it when"
                + " they disagree (or always, with --force).")
public class ReindexCommand extends DatabaseCommand {

    @Option(names = "--force", description = "rebuild even when the index agrees")
    boolean force;

    @Override
    public Integer call() {
        var out = environment().out();
        try (var db = open()) {
            boolean consistent = db.searchIndexConsistent();
            if (consistent && !force) {
                out.println("The search index agrees with the stored text; nothing to do.");
                return 0;
            }
            db.rebuildSearchIndex();
            if (!db.searchIndexConsistent()) {
                environment().err().println("The search index still disagrees after a rebuild.");
                return ColloquyCommand.FAILURE;
            }
            out.println(consistent ? "Rebuilt the search index." : "The search index disagreed; rebuilt it.");
            return 0;
        }
    }
}
