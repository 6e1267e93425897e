package cn.tongban.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** Prints the version from the jar manifest. */
final class VersionCommand implements Command {

    @Override
    public List<String> words() {
        return List.of("version");
    }

    @Override
    public String usage() {
        return "version";
    }

    @Override
    public void run(Arguments args, InputStream in, PrintStream out, PrintStream err) {
        String v = CommandLine.class.getPackage().getImplementationVersion();
        out.println("tongban " + (v == null ? "(development build)" : v));
    }
}
