package dev.colloquy.app.cli;

import dev.colloquy.app.config.Environment;
import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.server.Startup;
import dev.colloquy.app.server.StartupException;
import dev.colloquy.domain.InvalidInputException;
import dev.colloquy.persistence.SchemaException;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.spi.Backends;
import dev.colloquy.transfer.TransferException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line. Exit codes: 0 success, 1 the work failed, 2 bad usage or configuration, 3 the
 * database could not be reached or used.
 */
@Command(
        name = "colloquy",
        mixinStandardHelpOptions = true,
        versionProvider = ColloquyCommand.Version.class,
        description = "Conversation memory for LLM applications, on an embedded file or a database server.",
        subcommands = {
            ServeCommand.class,
            MigrateCommand.class,
            CheckCommand.class,
            TokenCommand.class,
            PurgeCommand.class,
            BackupCommand.class,
            CopyCommand.class,
            VerifyCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            ReindexCommand.class,
            EmbedCommand.class,
            McpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the work failed",
            "2:bad usage or configuration",
            "3:the database could not be reached or used"
        })
public class ColloquyCommand implements Runnable {

    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    final Environment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ColloquyCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "name a command: serve, migrate, check, token, purge, backup, copy, verify, export, import or reindex");
    }

    public static int run(Environment environment, String... args) {
        return run(environment, () -> {}, args);
    }

    /**
     * Runs the command; {@code beforeExecution} runs once the arguments are parsed and before the
     * command does its work (Main waits there for the logging it sets up beside the parsing).
     */
    public static int run(Environment environment, Runnable beforeExecution, String... args) {
        var commandLine = new CommandLine(new ColloquyCommand(environment));
        commandLine.setExecutionStrategy(parsed -> {
            beforeExecution.run();
            try {
                ServerSettings.checkLogging(Startup.settings(environment, Map.of()));
            } catch (ConfigurationException e) {
                environment.err().println(e.getMessage());
                return USAGE;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        addDatabaseFlags(commandLine, Backends.installed());
        commandLine.setOut(new PrintWriter(environment.out(), true));
        commandLine.setErr(new PrintWriter(environment.err(), true));
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            var outcome = OUTCOMES.stream()
                    .filter(o -> o.type().isInstance(error))
                    .findFirst()
                    .orElse(WORK_FAILED);
            environment
                    .err()
                    .println(outcome.prefix() + (error.getMessage() == null ? error.toString() : error.getMessage()));
            return outcome.exitCode().applyAsInt(error);
        });
        return commandLine.execute(args);
    }

    /** How a command's failure is told and what it exits with; the first type that matches counts. */
    private record Outcome(Class<? extends Throwable> type, String prefix, ToIntFunction<Throwable> exitCode) {
        Outcome(Class<? extends Throwable> type, String prefix, int exitCode) {
            this(type, prefix, error -> exitCode);
        }
    }

    private static final List<Outcome> OUTCOMES = List.of(
            new Outcome(ConfigurationException.class, "", USAGE),
            new Outcome(StartupException.class, "", error -> ((StartupException) error).exitCode()),
            new Outcome(InvalidInputException.class, "", USAGE),
            new Outcome(TransferException.class, "Error: ", FAILURE),
            new Outcome(SchemaException.class, "Schema: ", FAILURE));

    private static final Outcome WORK_FAILED = new Outcome(Throwable.class, "Error: ", FAILURE);

    private static void addDatabaseFlags(CommandLine command, Backends backends) {
        if (command.getCommand() instanceof DatabaseCommand user) {
            user.database.addFlags(command.getCommandSpec(), backends);
        }
        command.getSubcommands().values().forEach(sub -> addDatabaseFlags(sub, backends));
    }

    /** Whether the command goes on after {@code run} returns (the server). */
    public static boolean keepsRunning(String... args) {
        return args.length > 0
                && args[0].equals("serve")
                && Arrays.stream(args).noneMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /**
     * Whether the arguments name a command that opens the stores and so runs queries (asked before
     * they are parsed); check, export and verify read through plain JDBC and are not among them.
     */
    public static boolean opensStores(String... args) {
        return args.length > 0
                && STORE_COMMANDS.contains(args[0])
                && Arrays.stream(args).noneMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    private static final Set<String> STORE_COMMANDS =
            Set.of("serve", "migrate", "token", "purge", "backup", "copy", "import", "reindex");

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ColloquyCommand.class.getPackage().getImplementationVersion();
            return new String[] {"colloquy " + (version == null ? "(development build)" : version)};
        }
    }
}
