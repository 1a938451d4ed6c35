package dev.colloquy.app.cli;

import dev.colloquy.domain.Ids;
import dev.colloquy.persistence.Database;
import dev.colloquy.token.ApiToken;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manage API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public class TokenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a token command: create, list or revoke");
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Issue a token; the secret is printed once, as the last line of standard output.")
    static class Create extends DatabaseCommand {

        @Option(
                names = "--project",
                required = true,
                paramLabel = "NAME",
                description = "the project; it must exist unless --create-project is given")
        String project;

        @Option(
                names = "--create-project",
                description = "create the project when it does not exist (without it, an unknown name is refused)")
        boolean createProject;

        @Option(names = "--admin", description = "the token may also manage projects and tokens")
        boolean admin;

        @Option(names = "--name", paramLabel = "NAME", description = "a name to recognize the token by [cli]")
        String name = "cli";

        @Option(
                names = "--expires-at",
                paramLabel = "INSTANT",
                description = "when the token stops working, ISO-8601 UTC")
        String expiresAt;

        @Override
        public Integer call() {
            var environment = environment();
            Optional<Instant> expiry = Optional.ofNullable(expiresAt).map(text -> {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "--expires-at must be an ISO-8601 UTC instant such as 2027-01-01T00:00:00Z, was '" + text
                                    + "'");
                }
            });
            try (Database db = openForAdministration()) {
                var existing = db.projects().findByName(project);
                if (existing.isEmpty() && !createProject) {
                    var known = db.projects().list().stream()
                            .map(p -> p.name())
                            .sorted()
                            .toList();
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "--project: there is no project '" + project + "'"
                                    + (known.isEmpty() ? "" : " (projects: " + String.join(", ", known) + ")")
                                    + "; add --create-project to create it");
                }
                var target = existing.orElseGet(() -> db.projects().findOrCreate(project));
                if (existing.isEmpty()) {
                    environment.err().println("Created project '" + project + "'.");
                }
                var issued = db.tokens().issue(target.id(), name, admin, expiry);
                environment
                        .err()
                        .println("Issued " + (admin ? "admin " : "") + "token "
                                + issued.token().id() + " for project '" + project + "'"
                                + (admin ? " (it manages every project and its tokens)" : "")
                                + ". The secret follows; it is shown only now.");
                environment.out().println(issued.secret());
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static class ListTokens extends DatabaseCommand {

        @Option(names = "--project", paramLabel = "NAME", description = "only this project's tokens")
        String project;

        @Override
        public Integer call() {
            var environment = environment();
            try (Database db = openForAdministration()) {
                var out = environment.out();
                // An admin token manages every project, not only the one it belongs to: the listing says so.
                out.printf("%-36s %-16s %-20s %-12s %-24s %s%n", "ID", "PROJECT", "NAME", "SCOPE", "CREATED", "STATE");
                for (var p : db.projects().list()) {
                    if (project != null && !project.equals(p.name())) {
                        continue;
                    }
                    for (ApiToken t : db.tokens().list(p.id())) {
                        String state = t.revokedAt()
                                .map(at -> "revoked " + at)
                                .orElse(t.expiresAt()
                                        .map(at -> (at.isAfter(Instant.now()) ? "expires " : "expired ") + at)
                                        .orElse("active"));
                        out.printf(
                                "%-36s %-16s %-20s %-12s %-24s %s%n",
                                t.id(),
                                p.name(),
                                t.name(),
                                t.admin() ? "all-projects" : "project",
                                t.createdAt(),
                                state);
                    }
                }
                return 0;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token at once.")
    static class Revoke extends DatabaseCommand {

        @Parameters(paramLabel = "ID", description = "the token's id, as 'token list' shows it")
        String id;

        @Override
        public Integer call() {
            var environment = environment();
            var tokenId = Ids.parse("ID", id);
            try (Database db = openForAdministration()) {
                var revoked = db.tokens().revoke(tokenId);
                environment
                        .out()
                        .println("Revoked token " + revoked.id() + " (" + revoked.name() + ") at "
                                + revoked.revokedAt().orElseThrow());
                return 0;
            }
        }
    }
}
