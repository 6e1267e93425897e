package cn.tongban.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.server.demo.DepartmentServers;

/**
 * {@code demo departments}: runs the demo's simulated provider systems on their own, until the process is stopped,
 * for a server started with {@code --demo --tongban.demo.departments=external} and the same first port. A load
 * run uses it to keep the providers out of the exchange's JVM (their work and garbage are then not the
 * exchange's), as real departments are.
 */
final class DemoDepartmentsCommand implements Command {

    /** Tomcat's start-up chatter (JULI) is not for this command's user; kept referenced so the level holds. */
    private static final java.util.logging.Logger TOMCAT = java.util.logging.Logger.getLogger("org.apache");

    private final Consumer<DepartmentServers> whileRunning;

    DemoDepartmentsCommand() {
        this(DemoDepartmentsCommand::untilStopped);
    }

    /** {@code whileRunning} is called once the departments listen; they stop when it returns. */
    DemoDepartmentsCommand(Consumer<DepartmentServers> whileRunning) {
        this.whileRunning = whileRunning;
    }

    @Override
    public List<String> words() {
        return List.of("demo", "departments");
    }

    @Override
    public String usage() {
        return "demo departments [--first-port N]";
    }

    @Override
    public Set<String> valued() {
        return Set.of("first-port");
    }

    @Override
    public void run(Arguments args, InputStream in, PrintStream out, PrintStream err) throws CommandException {
        int first = CliInputs.integer("first-port", args.value("first-port", "18081"));
        DemoDataset data = DemoDataset.load();
        if (first < 0 || first > DepartmentServers.highestFirstPort(data)) {
            throw CommandException.usage("--first-port must be 0 (any free ports) or 1.."
                    + DepartmentServers.highestFirstPort(data) + ", not " + first);
        }
        TOMCAT.setLevel(java.util.logging.Level.WARNING);
        DepartmentServers servers;
        try {
            servers = DepartmentServers.start(data, new ObjectMapper(), first);
        } catch (IllegalStateException e) {
            throw new CommandException(ExitCodes.UNAVAILABLE, e.getMessage());
        }
        try {
            servers.baseUrls().forEach((system, url) -> out.println(system + " " + url));
            out.flush();
            whileRunning.accept(servers);
        } finally {
            servers.close();
        }
    }

    /** Blocks until the JVM is asked to stop (SIGTERM, Ctrl-C), then lets the departments close. */
    private static void untilStopped(DepartmentServers servers) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            servers.close();
                            stopped.countDown();
                        },
                        "demo-departments-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
