package cn.tongban.audit;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The child JVM of {@link CrashIT}: {@code writers} threads append to the log as fast as they can and print
 * {@code ACK seq correlationId} to the acknowledgement file for every acknowledged append, written through at
 * once (a write system call survives SIGKILL), until the parent kills it. With a fifth argument {@code inFlight}
 * each writer keeps that many {@link JdbcAccessLog#appendAsync} calls pending and reports each acknowledgement
 * when its future completes (that is, after its group committed), oldest first.
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        int writers = Integer.parseInt(args[2]);
        int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        DataSource ds = TestDatabases.pooled(url, user);
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(args[3]), 1 << 16), false);
        JdbcAccessLog log = new JdbcAccessLog(ds, Clock.systemUTC(), 4096);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                java.util.ArrayDeque<java.util.concurrent.CompletableFuture<AccessEntry>> pending =
                        new java.util.ArrayDeque<>();
                for (int i = 0; ; i++) {
                    AccessEntry e = LogFixture.entry(writer, i % 1000);
                    e = new AccessEntry(
                            0,
                            Clock.systemUTC().instant(),
                            e.node(),
                            e.actor(),
                            e.action(),
                            e.resourceCode(),
                            e.outcome(),
                            e.errorCode(),
                            "crash-" + writer + "-" + i);
                    if (inFlight == 1) {
                        ack(out, log.append(e));
                        continue;
                    }
                    pending.add(log.appendAsync(e));
                    if (pending.size() == inFlight) {
                        ack(out, pending.poll().join());
                    }
                }
            });
            t.start();
        }
        synchronized (out) {
            out.println("STARTED");
            out.flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void ack(PrintStream out, AccessEntry acked) {
        synchronized (out) {
            out.println("ACK " + acked.sequence() + " " + acked.correlationId());
            out.flush();
        }
    }
}
