package cn.tongban.server.cli;

/** A command failed with a message for the user and an exit status from {@link ExitCodes}. */
public class CommandException extends Exception {

    private final int exitCode;

    public CommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CommandException usage(String message) {
        return new CommandException(ExitCodes.USAGE, message);
    }
}
