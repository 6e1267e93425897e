package cn.tongban.server.cli;

/** Exit statuses of the command line, from BSD sysexits.h, which scripts and other tools rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int USAGE = 64;
    public static final int DATA_ERROR = 65;
    public static final int NO_INPUT = 66;
    /** A service the command needs is not available, e.g. a port to listen on is taken. */
    public static final int UNAVAILABLE = 69;

    public static final int CANNOT_CREATE = 73;
    public static final int IO_ERROR = 74;

    private ExitCodes() {}
}
