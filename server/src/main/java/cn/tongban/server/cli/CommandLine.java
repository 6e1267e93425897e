package cn.tongban.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Dispatches {@code java -jar tongban.jar <command> ...} to a {@link Command} and returns its exit status. */
public final class CommandLine {

    private final List<Command> commands;

    public CommandLine(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    public static CommandLine standard() {
        return new CommandLine(List.of(
                new PkiInitCommand(),
                new PkiClientCommand(),
                new PasswordHashCommand(),
                new AuditVerifyCommand(),
                new VerifyCommand(),
                new SealMakeCommand(),
                new StampCommand(),
                new DemoDepartmentsCommand(),
                new VersionCommand()));
    }

    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        List<String> words = Arrays.asList(args);
        if (words.isEmpty()
                || words.get(0).equals("help")
                || words.get(0).equals("--help")
                || words.get(0).equals("-h")) {
            (words.isEmpty() ? err : out).print(usage());
            return words.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
        }
        for (Command c : commands) {
            List<String> w = c.words();
            if (words.size() >= w.size() && words.subList(0, w.size()).equals(w)) {
                try {
                    c.run(
                            Arguments.parse(
                                    words.subList(w.size(), words.size()), c.valued(), c.flags(), c.positionals()),
                            in,
                            out,
                            err);
                    return ExitCodes.OK;
                } catch (CommandException e) {
                    err.println("tongban: " + e.getMessage());
                    if (e.exitCode() == ExitCodes.USAGE) {
                        err.println("usage: java -jar tongban.jar " + c.usage());
                    }
                    return e.exitCode();
                }
            }
        }
        err.println("tongban: unknown command '" + String.join(" ", words.subList(0, Math.min(2, words.size()))) + "'");
        err.print(usage());
        return ExitCodes.USAGE;
    }

    public String usage() {
        StringBuilder b = new StringBuilder("""
                Usage:
                  java -jar tongban.jar [--demo] [--name=value ...]   start the server (Spring Boot options allowed)
                  java -jar tongban.jar <command> [options]            run a command and exit
                Commands:
                """);
        for (Command c : commands) {
            b.append("  ").append(c.usage()).append('\n');
        }
        b.append("""
                  help
                Exit status: 0 success, 1 verification failed (audit verify), 64 usage error,
                             65 bad input data, 66 input missing,
                             69 unavailable (e.g. a port in use), 73 cannot create output, 74 I/O error.
                """);
        return b.toString();
    }
}
