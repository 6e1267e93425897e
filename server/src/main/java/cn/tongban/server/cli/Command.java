package cn.tongban.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** One command of the command line, e.g. {@code pki init}. */
public interface Command {

    /** The words that select the command, e.g. {@code ["pki", "init"]}. */
    List<String> words();

    /** One line of usage, shown in the help text. */
    String usage();

    /** Options that take a value. */
    default Set<String> valued() {
        return Set.of();
    }

    /** Options that take no value. */
    default Set<String> flags() {
        return Set.of();
    }

    /** How many arguments that are not options the command takes (e.g. {@code verify FILE}: 1). */
    default int positionals() {
        return 0;
    }

    void run(Arguments args, InputStream in, PrintStream out, PrintStream err) throws CommandException;
}
