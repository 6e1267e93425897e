package cn.tongban.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A witness for the disk during a load run: writes 8 KiB and forces it to the device ({@code fdatasync}, as
 * PostgreSQL does for a commit's WAL) {@code --rate} times a second, for {@code --seconds} or until killed, and
 * appends one line per flush that took at least {@code --threshold-ms} to {@code --out}:
 * {@code <epoch ms when it began> <ms it took>}.
 *
 * <p>It is a separate process with its own file, so a slow flush it sees is the disk's (or the machine's), not
 * something the server under test did to its own commits. {@code scripts/bench-exchange.sh} runs it beside every
 * run and sets the flushes it saw during each measured run next to that run's latencies.
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.tongban.bench.load.FsyncProbe --file DIR/probe.dat --out stalls.txt
 *     [--rate 20] [--threshold-ms 20] [--seconds 0 (until killed)]</pre>
 */
public final class FsyncProbe {

    private static final int BLOCK = 8192;
    private static final long SPAN = 16L << 20; // rewrite the first 16 MiB over and over, like a WAL segment

    private FsyncProbe() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path file = null;
        Path out = null;
        double rate = 20;
        double thresholdMs = 20;
        long seconds = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--file" -> file = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--rate" -> rate = number(args[i], args[i + 1]);
                case "--threshold-ms" -> thresholdMs = number(args[i], args[i + 1]);
                case "--seconds" -> seconds = (long) number(args[i], args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            usage("every option takes a value");
        }
        if (file == null || out == null) {
            usage("--file and --out are required");
        }
        if (!(rate > 0) || rate > 1000) {
            usage("--rate must be above 0 and at most 1000");
        }
        if (!(thresholdMs >= 0)) {
            usage("--threshold-ms must be 0 or more");
        }
        run(file, out, rate, thresholdMs, seconds);
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            usage(option + " takes a number, not '" + value + "'");
            return 0;
        }
    }

    private static void usage(String why) {
        System.err.println("FsyncProbe: " + why);
        System.err.println("usage: FsyncProbe --file PATH --out STALLS [--rate 20] [--threshold-ms 20] [--seconds N]");
        System.exit(64);
    }

    private static void run(Path file, Path out, double rate, double thresholdMs, long seconds)
            throws IOException, InterruptedException {
        byte[] block = new byte[BLOCK];
        ThreadLocalRandom.current().nextBytes(block);
        ByteBuffer buf = ByteBuffer.wrap(block);
        long thresholdNanos = (long) (thresholdMs * 1e6);
        long periodNanos = (long) (1e9 / rate);
        try (FileChannel ch = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                PrintStream stalls = new PrintStream(
                        Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                        true,
                        StandardCharsets.US_ASCII)) {
            // allocate the span first, as PostgreSQL does a WAL segment, so each flush is of data, not of the
            // file's growth
            for (long at = 0; at < SPAN; at += BLOCK) {
                writeBlock(ch, buf, at);
            }
            ch.force(true);
            long start = System.nanoTime();
            long end = seconds > 0 ? start + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
            long offset = 0;
            for (long n = 0; ; n++) {
                long due = start + n * periodNanos;
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (due > now) {
                    TimeUnit.NANOSECONDS.sleep(due - now);
                } else if (now - due >= periodNanos) {
                    n = (now - start) / periodNanos; // after a stall, go on at the rate instead of catching up
                }
                long began = System.currentTimeMillis();
                long t0 = System.nanoTime();
                writeBlock(ch, buf, offset);
                ch.force(false);
                long took = System.nanoTime() - t0;
                if (took >= thresholdNanos) {
                    stalls.println(began + " " + String.format(Locale.ROOT, "%.1f", took / 1e6));
                }
                offset = (offset + BLOCK) % SPAN;
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void writeBlock(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        buf.clear();
        while (buf.hasRemaining()) {
            ch.write(buf, at + buf.position());
        }
    }
}
